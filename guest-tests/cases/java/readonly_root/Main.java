import java.nio.file.Files;
import java.nio.file.Path;

public class Main {
    static void tryWrite(String path) {
        try {
            Files.writeString(Path.of(path), "pwned");
            System.out.println(path + ": written");
        } catch (Exception e) {
            String why = e.getMessage() == null ? "" : e.getMessage();
            System.out.println(path + ": refused" + (why.contains("Read-only file system") ? " (read-only)" : " (denied)"));
        }
    }

    public static void main(String[] args) {
        tryWrite("/pwned.txt");
        tryWrite("/opt/java/bin/java");
        tryWrite("/etc/passwd");
        tryWrite("/tmp/scratch.txt");
    }
}
