import java.util.ArrayList;
import java.util.List;

/** Starts sleeping threads until the container's process limit refuses one. */
public class Main {
    public static void main(String[] args) {
        List<Thread> threads = new ArrayList<>();
        try {
            for (int i = 0; i < 10_000; i++) {
                Thread t = new Thread(() -> {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        // Asked to stop.
                    }
                });
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            System.out.println("no limit: started 10000 threads");
        } catch (OutOfMemoryError e) {
            System.out.println("refused: " + e.getMessage());
            System.out.println(threads.size() < 64 ? "under the pids limit" : "too many: " + threads.size());
        }
    }
}
