public class Main {
    static int parse(String s) {
        if (s.isEmpty()) {
            throw new IllegalStateException("boom: empty input");
        }
        return Integer.parseInt(s);
    }

    public static void main(String[] args) {
        System.out.println("before");
        parse("");
        System.out.println("never");
    }
}
