public class Main {
    static int depth(int n) {
        return depth(n + 1) + 1;
    }

    public static void main(String[] args) {
        try {
            depth(0);
        } catch (StackOverflowError e) {
            System.out.println("caught StackOverflowError");
        }
        depth(0);
    }
}
