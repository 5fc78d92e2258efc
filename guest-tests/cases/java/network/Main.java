import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;

public class Main {
    public static void main(String[] args) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("1.1.1.1", 80), 2000);
            System.out.println("connected to 1.1.1.1");
        } catch (Exception e) {
            System.out.println("connect refused: " + e.getClass().getSimpleName());
        }
        try {
            InetAddress.getByName("example.com");
            System.out.println("resolved example.com");
        } catch (Exception e) {
            System.out.println("lookup refused: " + e.getClass().getSimpleName());
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                System.out.println("interface " + nic.getName());
            }
        } catch (Exception e) {
            System.out.println("no interfaces: " + e.getClass().getSimpleName());
        }
    }
}
