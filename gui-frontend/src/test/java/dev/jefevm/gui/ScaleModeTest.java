package dev.jefevm.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScaleModeTest {

    @Test
    void integer_exactFit_isOneToOneAtTheOrigin() {
        assertEquals(new Viewport(0, 0, 1024, 768), ScaleMode.INTEGER.place(1024, 768, 1024, 768));
    }

    @Test
    void integer_largerWindow_usesTheLargestWholeFactorCentred() {
        assertEquals(new Viewport(100, 60, 2048, 1536), ScaleMode.INTEGER.place(1024, 768, 2248, 1656));
    }

    @Test
    void integer_windowSmallerThanThePicture_fallsBackToFit() {
        assertEquals(new Viewport(0, 50, 800, 600), ScaleMode.INTEGER.place(1024, 768, 800, 700));
    }

    @Test
    void fit_wideWindow_fillsTheHeightWithBarsLeftAndRight() {
        assertEquals(new Viewport(280, 0, 1440, 1080), ScaleMode.FIT.place(1024, 768, 2000, 1080));
    }

    @Test
    void fit_tallWindow_fillsTheWidthWithBarsAboveAndBelow() {
        assertEquals(new Viewport(0, 125, 1000, 750), ScaleMode.FIT.place(1024, 768, 1000, 1000));
    }

    @Test
    void place_minimisedWindow_isEmpty() {
        assertEquals(new Viewport(0, 0, 0, 0), ScaleMode.FIT.place(1024, 768, 0, 0));
    }

    @Test
    void viewport_glY_countsFromTheBottom() {
        assertEquals(40, new Viewport(0, 60, 100, 100).glY(200));
    }

    @Test
    void isWholeScale_onlyForEqualIntegerFactors() {
        assertTrue(ScaleMode.isWholeScale(new Viewport(0, 0, 2048, 1536), 1024, 768));
        assertFalse(ScaleMode.isWholeScale(new Viewport(0, 0, 1440, 1080), 1024, 768));
        assertFalse(ScaleMode.isWholeScale(new Viewport(0, 0, 2048, 768), 1024, 768));
    }

    @Test
    void toggled_switchesBetweenTheModes() {
        assertEquals(ScaleMode.FIT, ScaleMode.INTEGER.toggled());
        assertEquals(ScaleMode.INTEGER, ScaleMode.FIT.toggled());
    }
}
