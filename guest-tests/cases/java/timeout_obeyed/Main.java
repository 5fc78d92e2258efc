public class Main {
    public static void main(String[] args) throws Exception {
        Thread.sleep(300);
        System.out.println("slept within the limit");
    }
}
