import java.util.ArrayList;
import java.util.List;

/** Starts processes until the container refuses one: no more than its process limit. */
public class Main {
    public static void main(String[] args) throws Exception {
        List<Process> children = new ArrayList<>();
        String outcome;
        try {
            for (int i = 0; i < 500; i++) {
                children.add(new ProcessBuilder("/bin/sh", "-c", "read line").start());
            }
            outcome = "no limit: started 500 processes";
        } catch (Exception | Error e) {
            outcome = "refused after " + (children.size() < 64 ? "fewer than 64" : children.size()) + " processes";
        }
        for (Process p : children) {
            p.destroyForcibly();
        }
        System.out.println(outcome);
    }
}
