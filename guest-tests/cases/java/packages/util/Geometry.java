// A comment before the package line.
package util;

import app.model.Point;

public final class Geometry {
    private Geometry() {}

    public static double distance(Point a, Point b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }
}
