package dev.jefevm.gui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.lwjgl.glfw.GLFW.*;

import dev.jefevm.devices.ps2.KeyCode;
import java.util.EnumSet;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class GlfwKeyMapTest {

    @Test
    void table_coversEveryKeyOfThe105KeyLayoutOnce() {
        EnumSet<KeyCode> seen = EnumSet.noneOf(KeyCode.class);
        for (int token : GlfwKeyMap.mappedTokens()) {
            seen.add(GlfwKeyMap.toPs2(token));
        }

        assertEquals(105, GlfwKeyMap.mappedTokens().length);
        assertEquals(EnumSet.allOf(KeyCode.class), seen);
    }

    @Test
    void toPs2_unknownOrNonPcKey_isNull() {
        assertNull(GlfwKeyMap.toPs2(GLFW_KEY_UNKNOWN));
        assertNull(GlfwKeyMap.toPs2(GLFW_KEY_F25));
        assertNull(GlfwKeyMap.toPs2(GLFW_KEY_KP_EQUAL));
    }

    @Test
    void toPs2_letterAndIsoKey_giveTheirSet2Codes() {
        assertEquals("1c", hex(GlfwKeyMap.toPs2(GLFW_KEY_A).makeCode(2)));
        assertEquals("f01c", hex(GlfwKeyMap.toPs2(GLFW_KEY_A).breakCode(2)));
        assertEquals("61", hex(GlfwKeyMap.toPs2(GLFW_KEY_WORLD_2).makeCode(2)));
    }

    @Test
    void toPs2_extendedKeys_sendTheE0Prefix() {
        assertEquals("e075", hex(GlfwKeyMap.toPs2(GLFW_KEY_UP).makeCode(2)));
        assertEquals("e0f014", hex(GlfwKeyMap.toPs2(GLFW_KEY_RIGHT_CONTROL).breakCode(2)));
        assertEquals("e05a", hex(GlfwKeyMap.toPs2(GLFW_KEY_KP_ENTER).makeCode(2)));
        assertEquals("e04a", hex(GlfwKeyMap.toPs2(GLFW_KEY_KP_DIVIDE).makeCode(2)));
    }

    @Test
    void toPs2_pauseAndPrintScreen_sendTheirSpecialSequences() {
        assertEquals("e11477e1f014f077", hex(GlfwKeyMap.toPs2(GLFW_KEY_PAUSE).makeCode(2)));
        assertArrayEquals(new byte[0], GlfwKeyMap.toPs2(GLFW_KEY_PAUSE).breakCode(2));
        assertEquals("e012e07c", hex(GlfwKeyMap.toPs2(GLFW_KEY_PRINT_SCREEN).makeCode(2)));
        assertEquals("e0f07ce0f012", hex(GlfwKeyMap.toPs2(GLFW_KEY_PRINT_SCREEN).breakCode(2)));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
