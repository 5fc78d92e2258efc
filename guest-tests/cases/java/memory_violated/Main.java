import java.util.ArrayList;
import java.util.List;

public class Main {
    public static void main(String[] args) {
        List<long[]> hoard = new ArrayList<>();
        System.out.println("allocating");
        while (true) {
            hoard.add(new long[1 << 20]);
        }
    }
}
