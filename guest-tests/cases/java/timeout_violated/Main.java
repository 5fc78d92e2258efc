public class Main {
    public static void main(String[] args) {
        System.out.println("started");
        long spins = 0;
        while (true) {
            spins++;
            if (spins == Long.MAX_VALUE) {
                System.out.println(spins);
            }
        }
    }
}
