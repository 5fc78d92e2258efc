import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

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

    /** Writes a script to a writable folder and tries to run it: every such folder is noexec. */
    static void tryExec(String folder) {
        Path script = Path.of(folder, "run.sh");
        try {
            Files.writeString(script, "#!/bin/sh\necho ran\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            Process p = new ProcessBuilder(script.toString()).start();
            System.out.println(folder + ": executed, exit " + p.waitFor());
        } catch (Exception e) {
            System.out.println(folder + ": exec refused");
        }
    }

    public static void main(String[] args) {
        tryWrite("/pwned.txt");
        tryWrite("/opt/java/bin/java");
        tryWrite("/etc/passwd");
        tryWrite("/tmp/scratch.txt");
        for (String folder : new String[] {"/tmp", "/var/tmp", "/run", "/dev/shm"}) {
            tryExec(folder);
        }
    }
}
