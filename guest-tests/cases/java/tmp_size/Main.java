import java.io.FileOutputStream;
import java.io.IOException;

/** /tmp, the only writable folder, holds files up to its size (50 MiB) and refuses more. */
public class Main {
    static long fill(String path, long limit) {
        byte[] block = new byte[1 << 20];
        long written = 0;
        try (FileOutputStream out = new FileOutputStream(path)) {
            while (written < limit) {
                out.write(block);
                written += block.length;
            }
        } catch (IOException e) {
            System.out.println(path + ": refused after " + (written >> 20) + " MiB: " + e.getMessage());
            return written;
        }
        System.out.println(path + ": wrote " + (written >> 20) + " MiB");
        return written;
    }

    public static void main(String[] args) {
        fill("/tmp/small.bin", 10L << 20);
        new java.io.File("/tmp/small.bin").delete();
        fill("/tmp/huge.bin", 200L << 20);
    }
}
