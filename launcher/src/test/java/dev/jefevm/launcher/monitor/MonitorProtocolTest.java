package dev.jefevm.launcher.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorProtocolTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final FakeTarget target = new FakeTarget();
    private final MonitorProtocol protocol = new MonitorProtocol(target, "0.1.0", 200);

    private JsonNode send(String line) throws IOException {
        return mapper.readTree(protocol.handle(line));
    }

    @Test
    void greeting_namesQmpVersionAndCapabilities() throws IOException {
        JsonNode g = mapper.readTree(protocol.greeting());

        assertEquals("0.1.0", g.at("/QMP/version").asText());
        assertTrue(g.at("/QMP/capabilities").isArray());
    }

    @Test
    void sendkey_combination_pressesInOrderAndReleasesInReverse() throws IOException {
        JsonNode r = send("{\"execute\":\"sendkey\",\"arguments\":{\"keys\":\"ctrl-alt-delete\"},\"id\":7}");

        assertEquals(7, r.get("id").asInt());
        assertTrue(r.get("return").isObject());
        assertEquals(List.of("down LEFT_CTRL", "down LEFT_ALT", "down DELETE", "up DELETE", "up LEFT_ALT", "up LEFT_CTRL"),
                target.events);
    }

    @Test
    void sendkey_qmpKeyList_isAccepted() throws IOException {
        send("{\"execute\":\"sendkey\",\"arguments\":{\"keys\":[{\"type\":\"qcode\",\"data\":\"shift\"},"
                + "{\"type\":\"qcode\",\"data\":\"a\"}]}}");

        assertEquals(List.of("down LEFT_SHIFT", "down A", "up A", "up LEFT_SHIFT"), target.events);
    }

    @Test
    void sendkey_unknownKey_repliesErrorAndPressesNothing() throws IOException {
        JsonNode r = send("{\"execute\":\"sendkey\",\"arguments\":{\"keys\":\"ctrl-bogus\"}}");

        assertEquals("GenericError", r.at("/error/class").asText());
        assertTrue(r.at("/error/desc").asText().contains("bogus"));
        assertTrue(target.events.isEmpty());
    }

    @Test
    void type_shiftedCharacters_holdShiftAroundTheKey() throws IOException {
        send("{\"execute\":\"type\",\"arguments\":{\"text\":\"a!\\n\"}}");

        assertEquals(List.of("down A", "up A", "down LEFT_SHIFT", "down DIGIT_1", "up DIGIT_1", "up LEFT_SHIFT",
                "down ENTER", "up ENTER"), target.events);
    }

    @Test
    void type_untypableCharacter_repliesErrorAndTypesNothing() throws IOException {
        JsonNode r = send("{\"execute\":\"type\",\"arguments\":{\"text\":\"ab\u00e9\"}}");

        assertTrue(r.at("/error/desc").asText().contains("U+00E9"));
        assertTrue(target.events.isEmpty());
    }

    @Test
    void mouseMove_relativeMotion_reachesTheMouse() throws IOException {
        send("{\"execute\":\"mouse_move\",\"arguments\":{\"dx\":5,\"dy\":-3}}");

        assertEquals(List.of("move 5 -3 0"), target.events);
    }

    @Test
    void mouseMove_stringArgument_repliesTypeError() throws IOException {
        JsonNode r = send("{\"execute\":\"mouse_move\",\"arguments\":{\"dx\":\"5\",\"dy\":1}}");

        assertEquals("parameter 'dx' expects an integer", r.at("/error/desc").asText());
        assertTrue(target.events.isEmpty());
    }

    @Test
    void mouseButton_mask_setsButtonsAndRejectsOutOfRange() throws IOException {
        send("{\"execute\":\"mouse_button\",\"arguments\":{\"state\":5}}");
        JsonNode bad = send("{\"execute\":\"mouse_button\",\"arguments\":{\"state\":9}}");

        assertEquals(List.of("buttons 5"), target.events);
        assertEquals("GenericError", bad.at("/error/class").asText());
    }

    @Test
    void screendump_withoutFile_returnsBase64Png() throws IOException {
        target.screen = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        target.screen.setRGB(1, 2, 0x00FF8040);

        JsonNode r = send("{\"execute\":\"screendump\"}");

        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(r.at("/return/png").asText())));
        assertEquals(4, png.getWidth());
        assertEquals(0x00FF8040, png.getRGB(1, 2) & 0xFFFFFF);
    }

    @Test
    void screendump_toFile_writesPng(@TempDir Path dir) throws IOException {
        target.screen = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        Path file = dir.resolve("shot.png");

        send("{\"execute\":\"screendump\",\"arguments\":{\"filename\":" + mapper.writeValueAsString(file.toString()) + "}}");

        assertEquals(2, ImageIO.read(Files.newInputStream(file)).getHeight());
    }

    @Test
    void screendump_noDisplay_repliesDeviceNotActive() throws IOException {
        JsonNode r = send("{\"execute\":\"screendump\"}");

        assertEquals("DeviceNotActive", r.at("/error/class").asText());
    }

    @Test
    void infoRegisters_printsQemuStyleDump() throws IOException {
        target.cpu.gpr[0] = 0x1234;
        target.cpu.rip = 0xFFFF_FFFF_8000_1000L;

        String text = send("{\"execute\":\"info\",\"arguments\":{\"what\":\"registers\"}}").get("return").asText();

        assertTrue(text.startsWith("RAX=0000000000001234 RBX=0000000000000000"), text);
        assertTrue(text.contains("RIP=ffffffff80001000 RFL=00000002 [-------]"), text);
        assertTrue(text.contains("CS =0000 0000000000000000"), text);
    }

    @Test
    void infoCpus_listsEachCpuWithPcAndHalt() throws IOException {
        target.cpu.rip = 0xFFFF_FFFF_8000_1000L;
        target.cpu.halted = true;

        JsonNode cpus = send("{\"execute\":\"info\",\"arguments\":{\"what\":\"cpus\"}}").get("return");

        assertEquals(1, cpus.size());
        assertEquals("18446744071562072064", cpus.get(0).get("pc").bigIntegerValue().toString());
        assertTrue(cpus.get(0).get("halted").asBoolean());
    }

    @Test
    void infoDevices_listsTheTargetsDevices() throws IOException {
        JsonNode devices = send("{\"execute\":\"info\",\"arguments\":{\"what\":\"devices\"}}").get("return");

        assertEquals(2, devices.size());
        assertTrue(devices.get(0).asText().startsWith("uart16550"));
    }

    @Test
    void info_unknownItem_repliesError() throws IOException {
        JsonNode r = send("{\"execute\":\"info\",\"arguments\":{\"what\":\"mtree\"}}");

        assertTrue(r.at("/error/desc").asText().contains("mtree"));
    }

    @Test
    void stopAndCont_changeStatus() throws IOException {
        send("{\"execute\":\"stop\"}");
        JsonNode paused = send("{\"execute\":\"query-status\"}");
        send("{\"execute\":\"cont\"}");
        JsonNode running = send("{\"execute\":\"query-status\"}");

        assertEquals("paused", paused.at("/return/status").asText());
        assertEquals("running", running.at("/return/status").asText());
    }

    @Test
    void resetPowerdownQuit_reachTheMachine() throws IOException {
        send("{\"execute\":\"system_reset\"}");
        send("{\"execute\":\"system_powerdown\"}");
        JsonNode quit = send("{\"execute\":\"quit\",\"id\":\"q\"}");

        assertEquals(List.of("reset", "powerdown", "quit"), target.events);
        assertEquals("q", quit.get("id").asText());
    }

    @Test
    void malformedJson_repliesParseError() throws IOException {
        JsonNode r = send("{\"execute\": \"stop\"");

        assertEquals("GenericError", r.at("/error/class").asText());
        assertTrue(r.at("/error/desc").asText().startsWith("JSON parse error"));
    }

    @Test
    void nonObjectRequest_repliesError() throws IOException {
        JsonNode r = send("[1,2]");

        assertEquals("a request must be a JSON object", r.at("/error/desc").asText());
    }

    @Test
    void missingExecute_repliesErrorWithId() throws IOException {
        JsonNode r = send("{\"arguments\":{},\"id\":3}");

        assertEquals(3, r.get("id").asInt());
        assertEquals("GenericError", r.at("/error/class").asText());
    }

    @Test
    void unknownCommand_repliesCommandNotFound() throws IOException {
        JsonNode r = send("{\"execute\":\"migrate\"}");

        assertEquals("CommandNotFound", r.at("/error/class").asText());
    }

    @Test
    void argumentsNotAnObject_repliesError() throws IOException {
        JsonNode r = send("{\"execute\":\"type\",\"arguments\":\"hello\"}");

        assertEquals("'arguments' must be an object", r.at("/error/desc").asText());
    }

    @Test
    void missingArgument_repliesErrorNamingIt() throws IOException {
        JsonNode r = send("{\"execute\":\"type\"}");

        assertEquals("parameter 'text' is missing", r.at("/error/desc").asText());
    }

    @Test
    void vcpuNeverAnswers_repliesTimeoutError() throws IOException {
        target.postsRun = false;

        JsonNode r = send("{\"execute\":\"stop\"}");

        assertTrue(r.at("/error/desc").asText().contains("did not answer"));
    }
}
