package codebox;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one program codebox starts in a Java container. It runs once per container: the JVM
 * starts (and warms the compiler up) before a request exists, which is what lets a pool of
 * started containers keep the JVM's start-up off the request's path.
 *
 * <p>The host writes one request to stdin: the magic number, a nonce, a mode ('C': compile the
 * sources then run the entry; 'R': run already compiled classes), the entry (a source path, or
 * a class name), the session's files (written under /tmp, the working directory), the compiled
 * classes of mode 'R', then the program's stdin, length-prefixed so that the program sees its
 * end without the host having to half-close the connection.
 *
 * <p>Before the program starts, the runner writes one line to stdout that starts with NUL,
 * "CBX " and the nonce: "ready", "compiled" followed by the compiled classes, or
 * "compile_error" (javac's messages are then on stderr). Nothing the program prints can come
 * before it. When the JVM shuts down, a last such line on stderr says whether the program died
 * of an exhausted heap and how much memory the container used at most. The host strips both.
 */
public final class Runner {
    private static final int MAGIC = 0x43425831; // "CBX1"
    private static final Path WORK = Path.of("/tmp");
    private static final Path CLASSES = Path.of("/tmp/.codebox/classes");
    private static final Path WARMUP = Path.of("/tmp/.codebox/warmup");

    private static volatile boolean heapExhausted;
    private static volatile boolean requestArrived;
    private static boolean trailerWritten;

    private Runner() {}

    /**
     * Arguments: {@code --warm-up} warms up before waiting for the request (pooled
     * containers); {@code --warm-up-only} warms up and exits (the image build, recording the
     * class-data archive); {@code --idle-exit=SECONDS} exits with status 75 when no request
     * has begun to arrive by then, so that a container its owner forgot does not live on.
     */
    public static void main(String[] args) throws Exception {
        long idleExitSeconds = 0;
        boolean warm = false;
        for (String arg : args) {
            if (arg.equals("--warm-up-only")) {
                warmUp();
                return;
            } else if (arg.equals("--warm-up")) {
                warm = true;
            } else if (arg.startsWith("--idle-exit=")) {
                idleExitSeconds = Long.parseLong(arg.substring("--idle-exit=".length()));
            }
        }
        if (idleExitSeconds > 0) {
            long seconds = idleExitSeconds;
            Thread watchdog = new Thread(() -> {
                try {
                    Thread.sleep(seconds * 1000);
                } catch (InterruptedException e) {
                    return;
                }
                if (!requestArrived) {
                    Runtime.getRuntime().halt(75);
                }
            }, "codebox-idle-exit");
            watchdog.setDaemon(true);
            watchdog.start();
        }
        if (warm) {
            warmUp();
        }
        FileOutputStream rawOut = new FileOutputStream(FileDescriptor.out);
        FileOutputStream rawErr = new FileOutputStream(FileDescriptor.err);
        DataInputStream in = new DataInputStream(
                new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
        int magic = in.readInt();
        requestArrived = true;
        if (magic != MAGIC) {
            throw new IOException("not a codebox request");
        }
        String nonce = in.readUTF();
        byte mode = in.readByte();
        String entry = in.readUTF();
        int count = in.readInt();
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String path = in.readUTF();
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            write(WORK, path, bytes);
            if (path.endsWith(".java")) {
                sources.add(path);
            }
        }
        int classCount = in.readInt();
        for (int i = 0; i < classCount; i++) {
            String path = in.readUTF();
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            write(CLASSES, path, bytes);
        }
        long stdinLength = in.readInt() & 0xffffffffL;
        System.setIn(new BoundedInputStream(in, stdinLength));

        String mainClass = entry;
        if (mode == 'C') {
            mainClass = compile(sources, entry);
            if (mainClass == null) {
                preamble(rawOut, nonce, "compile_error", null);
                System.exit(1);
            }
            preamble(rawOut, nonce, "compiled " + mainClass, bundle());
        } else {
            preamble(rawOut, nonce, "ready", null);
        }

        // A program that calls System.exit ends through the hook; one that returns (or dies of
        // an exception) ends below, without it, since starting the hook's thread fails when
        // the program has used up the container's processes.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> trailer(rawErr, nonce)));
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            noteHeap(error);
            System.err.print("Exception in thread \"" + thread.getName() + "\" ");
            error.printStackTrace(System.err);
        });
        int status = runMain(mainClass);
        trailer(rawErr, nonce);
        System.exit(status);
    }

    private static void write(Path root, String path, byte[] bytes) throws IOException {
        Path target = root.resolve(path).normalize();
        Files.createDirectories(target.getParent());
        Files.write(target, bytes);
    }

    /** Compiles every source with javac; answers the entry's class name, or null on errors. */
    private static String compile(List<String> sources, String entry) throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "-d", CLASSES.toString(), "-encoding", "UTF-8", "-proc:none", "-Xmaxerrs", "100"));
        args.addAll(sources);
        PrintWriter err = new PrintWriter(System.err, true);
        int status = com.sun.tools.javac.Main.compile(args.toArray(new String[0]), err);
        err.flush();
        if (status != 0) {
            return null;
        }
        String fileName = Path.of(entry).getFileName().toString();
        String simpleName = fileName.substring(0, fileName.length() - ".java".length());
        String pkg = packageOf(Files.readString(WORK.resolve(entry)));
        String name = pkg.isEmpty() ? simpleName : pkg + "." + simpleName;
        if (!Files.exists(CLASSES.resolve(name.replace('.', '/') + ".class"))) {
            System.err.println(entry + ": error: no class " + simpleName
                    + " is declared in this file, so it cannot be the entry point");
            System.err.println("1 error");
            return null;
        }
        return name;
    }

    /** The package a source declares, read past comments. */
    static String packageOf(String source) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
        Matcher m = Pattern.compile("^\\s*package\\s+([\\w.\\s]+?)\\s*;").matcher(code);
        return m.find() ? m.group(1).replaceAll("\\s", "") : "";
    }

    /** The compiled classes, framed: count, then (path, length, bytes) each. */
    private static byte[] bundle() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(CLASSES)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        out.writeInt(files.size());
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            out.writeUTF(CLASSES.relativize(file).toString());
            out.writeInt(content.length);
            out.write(content);
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static void preamble(OutputStream out, String nonce, String status, byte[] payload)
            throws IOException {
        String line = "\0CBX " + nonce + " " + status
                + (payload == null ? "" : " " + payload.length) + "\n";
        out.write(line.getBytes(StandardCharsets.UTF_8));
        if (payload != null) {
            out.write(payload);
        }
        out.flush();
    }

    /** Runs the entry's main as the java launcher would; answers the exit status. */
    private static int runMain(String mainClass) throws Exception {
        URLClassLoader loader = new URLClassLoader(
                new URL[] {CLASSES.toUri().toURL()}, Runner.class.getClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        Method main;
        try {
            main = Class.forName(mainClass, false, loader).getMethod("main", String[].class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            main = null;
        }
        if (main == null || !Modifier.isStatic(main.getModifiers())) {
            System.err.println("Error: Main method not found in class " + mainClass
                    + ", please define the main method as:");
            System.err.println("   public static void main(String[] args)");
            return 1;
        }
        try {
            main.invoke(null, (Object) new String[0]);
        } catch (InvocationTargetException e) {
            Throwable error = e.getCause();
            noteHeap(error);
            trimRunnerFrames(error);
            System.err.print("Exception in thread \"main\" ");
            error.printStackTrace(System.err);
            awaitOtherThreads();
            return 1;
        }
        awaitOtherThreads();
        return 0;
    }

    /** The JVM outlives main while other non-daemon threads run; so does the program. */
    private static void awaitOtherThreads() throws InterruptedException {
        Thread self = Thread.currentThread();
        while (true) {
            Thread waiting = null;
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t != self && !t.isDaemon() && t.isAlive() && t.getThreadGroup() != null
                        && !t.getName().equals("DestroyJavaVM")) {
                    waiting = t;
                    break;
                }
            }
            if (waiting == null) {
                return;
            }
            waiting.join();
        }
    }

    /** Drops the frames of this runner and of reflection below the program's main. */
    private static void trimRunnerFrames(Throwable error) {
        StackTraceElement[] frames = error.getStackTrace();
        int keep = frames.length;
        for (int i = 0; i < frames.length; i++) {
            String cls = frames[i].getClassName();
            if (cls.startsWith("jdk.internal.reflect.") || cls.equals("java.lang.reflect.Method")
                    || cls.startsWith("codebox.")) {
                keep = i;
                break;
            }
        }
        error.setStackTrace(Arrays.copyOf(frames, keep));
    }

    private static void noteHeap(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof OutOfMemoryError && e.getMessage() != null
                    && (e.getMessage().contains("Java heap space")
                            || e.getMessage().contains("GC overhead limit exceeded")
                            || e.getMessage().contains("Requested array size exceeds VM limit"))) {
                heapExhausted = true;
            }
        }
    }

    private static synchronized void trailer(OutputStream err, String nonce) {
        if (trailerWritten) {
            return;
        }
        trailerWritten = true;
        System.out.flush();
        System.err.flush();
        String line = "\0CBX " + nonce + " end heap=" + (heapExhausted ? 1 : 0)
                + " peak=" + peakMemory() + "\n";
        try {
            err.write(line.getBytes(StandardCharsets.UTF_8));
            err.flush();
        } catch (IOException ignored) {
            // The host stopped listening; there is nobody left to tell.
        }
    }

    /** The container's peak memory use, from its cgroup (v1, then v2); 0 when unreadable. */
    private static long peakMemory() {
        for (String file : List.of(
                "/sys/fs/cgroup/memory/memory.max_usage_in_bytes", "/sys/fs/cgroup/memory.peak")) {
            try {
                return Long.parseLong(Files.readString(Path.of(file)).trim());
            } catch (IOException | NumberFormatException | SecurityException e) {
                // Try the next layout.
            }
        }
        return 0;
    }

    /**
     * Loads and exercises javac, the class loader and the usual library classes, so that a
     * request finds them ready (and so that the image's class-data archive holds them).
     */
    private static void warmUp() throws Exception {
        Path source = WARMUP.resolve("src/Warm.java");
        Path classes = WARMUP.resolve("classes");
        Files.createDirectories(source.getParent());
        Files.writeString(source, String.join("\n",
                "import java.util.*;",
                "import java.util.stream.*;",
                "public class Warm {",
                "  public static void main(String[] args) {",
                "    Scanner in = new Scanner(\"3 1 2\");",
                "    List<Integer> xs = new ArrayList<>();",
                "    while (in.hasNextInt()) xs.add(in.nextInt());",
                "    Map<Integer, String> m = new HashMap<>();",
                "    for (int x : xs) m.put(x, String.valueOf(x));",
                "    StringBuilder sb = new StringBuilder();",
                "    sb.append(xs.stream().sorted().map(String::valueOf)"
                        + ".collect(Collectors.joining(\",\")));",
                "    sb.append(String.format(\"%d %s %.2f\", xs.size(), m, Math.sqrt(2)));",
                "    if (sb.length() < 0) System.out.println(sb);",
                "  }",
                "}",
                ""));
        PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
        int status = com.sun.tools.javac.Main.compile(
                new String[] {"-d", classes.toString(), "-proc:none", source.toString()}, sink);
        if (status != 0) {
            throw new IllegalStateException("the warm-up program did not compile");
        }
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {classes.toUri().toURL()}, Runner.class.getClassLoader())) {
            loader.loadClass("Warm").getMethod("main", String[].class)
                    .invoke(null, (Object) new String[0]);
        }
        try (Stream<Path> walk = Files.walk(WARMUP)) {
            for (Path p : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The program's stdin: the rest of the request, ending after its announced length. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInputStream(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), left);
        }
    }
}
