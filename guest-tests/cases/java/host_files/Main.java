import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Looks for the host: its users, its files, its environment, its privileges. */
public class Main {
    public static void main(String[] args) throws Exception {
        System.out.print(Files.readString(Path.of("/etc/passwd")));
        try (Stream<Path> top = Files.list(Path.of("/"))) {
            System.out.println("root: " + top.map(p -> p.getFileName().toString()).sorted()
                    .filter(n -> !n.equals("dev") && !n.equals("proc") && !n.equals("sys") && !n.equals("run"))
                    .collect(Collectors.joining(" ")));
        }
        for (String p : new String[] {"/root", "/home", "/var/lib/containers", "/work"}) {
            System.out.println(p + " exists: " + Files.exists(Path.of(p)));
        }
        System.out.println("DOCKER_HOST: " + System.getenv("DOCKER_HOST"));
        System.out.println("HOME: " + System.getenv("HOME"));
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:") || line.startsWith("CapEff:") || line.startsWith("NoNewPrivs:")) {
                System.out.println(line.replaceAll("\\s+", " "));
            }
        }
        System.out.println("session file: " + Files.readString(Path.of("data/input.txt")).trim());
    }
}
