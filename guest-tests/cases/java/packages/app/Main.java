package app;

import app.model.Point;
import util.Geometry;

/** The entry is in a package; its sibling packages compile with it. */
public class Main {
    public static void main(String[] args) {
        Point a = new Point(0, 0);
        Point b = new Point(3, 4);
        System.out.println("distance " + Geometry.distance(a, b));
        System.out.println(b);
    }
}
