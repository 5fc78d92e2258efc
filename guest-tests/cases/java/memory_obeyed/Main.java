public class Main {
    public static void main(String[] args) {
        // 24 MiB, well under a 64 MiB heap (half of the 128 MiB limit).
        long[][] blocks = new long[3][1 << 20];
        long sum = 0;
        for (long[] block : blocks) {
            block[block.length - 1] = 7;
            sum += block[block.length - 1];
        }
        System.out.println("allocated, sum " + sum);
    }
}
