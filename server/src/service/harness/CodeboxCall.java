// codebox's call harness (Java): runs one `call` or `calls` test case against the candidate's
// classes. It reads the case from stdin, removes its own source from the working directory, converts the JSON arguments to the parameter types
// (int, long, double, boolean, char, String, arrays and 2-D arrays of these, List, Map with
// String keys), calls the method (static, or on a fresh instance), and prints what came back
// (or the exception) as JSON on one line after a marker the candidate's code cannot know, so
// that the service can take it out of the program's own output.
import java.io.ByteArrayInputStream;
import java.lang.reflect.*;
import java.nio.charset.StandardCharsets;
import java.util.*;

public class CodeboxCall {
    public static void main(String[] args) throws Exception {
        Map<?, ?> test = (Map<?, ?>) new Json(new String(System.in.readAllBytes(), StandardCharsets.UTF_8)).value();
        String marker = (String) test.remove("marker");
        // The harness's source leaves the working directory before the candidate's code runs.
        java.nio.file.Files.deleteIfExists(java.nio.file.Path.of("CodeboxCall.java"));
        System.setIn(new ByteArrayInputStream(new byte[0]));
        String outcome;
        try {
            outcome = "{\"returned\":" + Json.write(run(test)) + "}";
        } catch (Throwable thrown) {
            Throwable error = thrown instanceof InvocationTargetException && thrown.getCause() != null ? thrown.getCause() : thrown;
            error.printStackTrace();
            String message = error.getMessage() == null ? "" : error.getMessage();
            outcome = "{\"exception\":{\"type\":" + Json.write(error.getClass().getSimpleName()) + ",\"message\":" + Json.write(message) + "}}";
        }
        System.out.flush();
        System.out.print("\n" + marker + outcome + "\n");
        System.out.flush();
    }

    static Object run(Map<?, ?> test) throws Exception {
        if (test.containsKey("call")) {
            Map<?, ?> call = (Map<?, ?>) test.get("call");
            String function = (String) call.get("function");
            int dot = function.lastIndexOf('.');
            if (dot < 0) throw new IllegalArgumentException("a Java call names Class.method, not " + function);
            Class<?> type = Class.forName(function.substring(0, dot));
            List<?> arguments = (List<?>) call.get("args");
            Method method = find(type, function.substring(dot + 1), arguments.size());
            Object target = Modifier.isStatic(method.getModifiers()) ? null : construct(type, List.of());
            return method.invoke(target, convert(arguments, method.getGenericParameterTypes()));
        }
        List<?> calls = (List<?>) test.get("calls");
        Map<?, ?> first = (Map<?, ?>) calls.get(0);
        Object instance = construct(Class.forName((String) first.get("method")), (List<?>) first.get("args"));
        List<Object> returned = new ArrayList<>();
        returned.add(null);
        for (Object each : calls.subList(1, calls.size())) {
            Map<?, ?> call = (Map<?, ?>) each;
            List<?> arguments = (List<?>) call.get("args");
            Method method = find(instance.getClass(), (String) call.get("method"), arguments.size());
            returned.add(method.invoke(instance, convert(arguments, method.getGenericParameterTypes())));
        }
        return returned;
    }

    static Method find(Class<?> type, String name, int count) throws NoSuchMethodException {
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == count) {
                method.setAccessible(true);
                return method;
            }
        }
        throw new NoSuchMethodException(type.getName() + " has no method " + name + " of " + count + " arguments");
    }

    static Object construct(Class<?> type, List<?> arguments) throws Exception {
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (constructor.getParameterCount() == arguments.size()) {
                constructor.setAccessible(true);
                return constructor.newInstance(convert(arguments, constructor.getGenericParameterTypes()));
            }
        }
        throw new NoSuchMethodException(type.getName() + " has no constructor of " + arguments.size() + " arguments");
    }

    static Object[] convert(List<?> values, Type[] types) {
        Object[] converted = new Object[types.length];
        for (int i = 0; i < types.length; i++) converted[i] = to(values.get(i), types[i]);
        return converted;
    }

    /** A JSON value as an object of `type`. */
    static Object to(Object value, Type type) {
        if (value == null) return null;
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] parts = parameterized.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw) || Collection.class.isAssignableFrom(raw)) {
                List<Object> list = new ArrayList<>();
                for (Object item : (List<?>) value) list.add(to(item, parts[0]));
                return list;
            }
            if (Map.class.isAssignableFrom(raw)) {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) map.put(entry.getKey(), to(entry.getValue(), parts[1]));
                return map;
            }
            return to(value, raw);
        }
        Class<?> target = type instanceof Class<?> c ? c : Object.class;
        if (target.isArray()) {
            List<?> list = (List<?>) value;
            Object array = Array.newInstance(target.getComponentType(), list.size());
            for (int i = 0; i < list.size(); i++) Array.set(array, i, to(list.get(i), target.getComponentType()));
            return array;
        }
        if (value instanceof Number number) {
            if (target == int.class || target == Integer.class) return number.intValue();
            if (target == long.class || target == Long.class) return number.longValue();
            if (target == double.class || target == Double.class) return number.doubleValue();
            if (target == float.class || target == Float.class) return number.floatValue();
            if (target == short.class || target == Short.class) return number.shortValue();
            if (target == byte.class || target == Byte.class) return number.byteValue();
        }
        if ((target == char.class || target == Character.class) && value instanceof String text && text.length() == 1) {
            return text.charAt(0);
        }
        if (value instanceof List<?> list && (target == Object.class || List.class.isAssignableFrom(target))) {
            List<Object> copy = new ArrayList<>();
            for (Object item : list) copy.add(to(item, Object.class));
            return copy;
        }
        return value;
    }

    /** A small JSON reader and writer: the image holds the JDK's modules only. */
    static final class Json {
        private final String text;
        private int at;

        Json(String text) {
            this.text = text;
        }

        Object value() {
            space();
            char c = text.charAt(at);
            if (c == '{') {
                Map<String, Object> map = new LinkedHashMap<>();
                at++;
                space();
                if (text.charAt(at) == '}') { at++; return map; }
                while (true) {
                    space();
                    String key = (String) value();
                    space();
                    at++; // ':'
                    map.put(key, value());
                    space();
                    if (text.charAt(at++) == '}') return map;
                }
            }
            if (c == '[') {
                List<Object> list = new ArrayList<>();
                at++;
                space();
                if (text.charAt(at) == ']') { at++; return list; }
                while (true) {
                    list.add(value());
                    space();
                    if (text.charAt(at++) == ']') return list;
                }
            }
            if (c == '"') {
                StringBuilder out = new StringBuilder();
                at++;
                while (text.charAt(at) != '"') {
                    char ch = text.charAt(at++);
                    if (ch != '\\') { out.append(ch); continue; }
                    char escaped = text.charAt(at++);
                    switch (escaped) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> { out.append((char) Integer.parseInt(text.substring(at, at + 4), 16)); at += 4; }
                        default -> out.append(escaped);
                    }
                }
                at++;
                return out.toString();
            }
            if (text.startsWith("true", at)) { at += 4; return Boolean.TRUE; }
            if (text.startsWith("false", at)) { at += 5; return Boolean.FALSE; }
            if (text.startsWith("null", at)) { at += 4; return null; }
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) at++;
            String number = text.substring(start, at);
            if (number.matches("-?\\d+")) {
                long n = Long.parseLong(number);
                return n == (int) n ? (Object) (int) n : (Object) n;
            }
            return Double.parseDouble(number);
        }

        private void space() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) at++;
        }

        static String write(Object value) {
            if (value == null) return "null";
            if (value instanceof String text) return quote(text);
            if (value instanceof Character c) return quote(String.valueOf(c));
            if (value instanceof Double d && (d.isNaN() || d.isInfinite())) return quote(d.toString());
            if (value instanceof Float f && (f.isNaN() || f.isInfinite())) return quote(f.toString());
            if (value instanceof Number || value instanceof Boolean) return value.toString();
            if (value.getClass().isArray()) {
                StringJoiner out = new StringJoiner(",", "[", "]");
                for (int i = 0; i < Array.getLength(value); i++) out.add(write(Array.get(value, i)));
                return out.toString();
            }
            if (value instanceof Collection<?> items) {
                StringJoiner out = new StringJoiner(",", "[", "]");
                for (Object item : items) out.add(write(item));
                return out.toString();
            }
            if (value instanceof Map<?, ?> map) {
                StringJoiner out = new StringJoiner(",", "{", "}");
                for (Map.Entry<?, ?> entry : map.entrySet()) out.add(quote(String.valueOf(entry.getKey())) + ":" + write(entry.getValue()));
                return out.toString();
            }
            return quote(value.toString());
        }

        private static String quote(String text) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> { if (c < 0x20) out.append(String.format("\\u%04x", (int) c)); else out.append(c); }
                }
            }
            return out.append('"').toString();
        }
    }
}
