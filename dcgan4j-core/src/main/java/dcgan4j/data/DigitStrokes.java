package dcgan4j.data;

import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;

/**
 * Pen strokes of the ten digits in a unit box (x right, y down), drawn the way people write them —
 * no font files needed.
 */
final class DigitStrokes {
    private static final Shape[] DIGITS = {
        zero(), one(), two(), three(), four(), five(), six(), seven(), eight(), nine()
    };

    private DigitStrokes() {}

    static Shape of(int digit) {
        return DIGITS[digit];
    }

    private static Shape zero() {
        return new Ellipse2D.Double(0.2, 0.05, 0.6, 0.9);
    }

    private static Shape one() {
        Path2D p = new Path2D.Double();
        p.moveTo(0.32, 0.22);
        p.lineTo(0.55, 0.05);
        p.lineTo(0.55, 0.95);
        return p;
    }

    private static Shape two() {
        Path2D p = new Path2D.Double();
        p.moveTo(0.2, 0.3);
        p.curveTo(0.22, 0.0, 0.8, -0.02, 0.78, 0.3);
        p.curveTo(0.76, 0.55, 0.4, 0.72, 0.18, 0.95);
        p.lineTo(0.85, 0.95);
        return p;
    }

    private static Shape three() {
        Path2D p = new Path2D.Double();
        p.moveTo(0.2, 0.15);
        p.curveTo(0.45, -0.04, 0.85, 0.08, 0.74, 0.32);
        p.curveTo(0.66, 0.47, 0.5, 0.49, 0.4, 0.49);
        p.curveTo(0.95, 0.49, 0.9, 1.0, 0.5, 0.96);
        p.curveTo(0.36, 0.95, 0.25, 0.9, 0.18, 0.83);
        return p;
    }

    private static Shape four() {
        Path2D p = new Path2D.Double();
        p.moveTo(0.66, 0.95);
        p.lineTo(0.66, 0.05);
        p.lineTo(0.15, 0.66);
        p.lineTo(0.86, 0.66);
        return p;
    }

    private static Shape five() {
        Path2D p = new Path2D.Double();
        p.moveTo(0.8, 0.06);
        p.lineTo(0.32, 0.06);
        p.lineTo(0.26, 0.45);
        p.curveTo(0.55, 0.3, 0.9, 0.45, 0.82, 0.74);
        p.curveTo(0.74, 1.0, 0.35, 1.02, 0.18, 0.85);
        return p;
    }

    private static Shape six() {
        Path2D p = new Path2D.Double();
        p.moveTo(0.72, 0.06);
        p.curveTo(0.38, 0.18, 0.2, 0.48, 0.24, 0.74);
        p.append(new Ellipse2D.Double(0.23, 0.46, 0.54, 0.5), false);
        return p;
    }

    private static Shape seven() {
        Path2D p = new Path2D.Double();
        p.moveTo(0.15, 0.06);
        p.lineTo(0.85, 0.06);
        p.lineTo(0.42, 0.95);
        return p;
    }

    private static Shape eight() {
        Path2D p = new Path2D.Double();
        p.append(new Ellipse2D.Double(0.28, 0.04, 0.44, 0.44), false);
        p.append(new Ellipse2D.Double(0.22, 0.48, 0.56, 0.48), false);
        return p;
    }

    private static Shape nine() {
        Path2D p = new Path2D.Double();
        p.append(new Ellipse2D.Double(0.23, 0.04, 0.54, 0.5), false);
        p.moveTo(0.77, 0.3);
        p.curveTo(0.78, 0.6, 0.7, 0.8, 0.58, 0.96);
        return p;
    }
}
