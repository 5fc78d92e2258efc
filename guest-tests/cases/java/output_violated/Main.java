public class Main {
    public static void main(String[] args) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < 99; i++) {
            line.append('x');
        }
        while (true) {
            System.out.println(line);
        }
    }
}
