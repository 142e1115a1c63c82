package io.shortlink.query.click;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClickSpoolTest {

    @TempDir
    Path directory;

    @Test
    void whatWasAppendedAndNotAcknowledgedIsThereAfterAReopen() throws Exception {
        long id;
        long acknowledgedUpTo;
        try (ClickSpool spool = new ClickSpool(directory, 1 << 20)) {
            id = spool.id();
            for (int i = 0; i < 10; i++) {
                assertThat(append(spool, "click-" + i)).isTrue();
            }
            List<String> firstThree = new ArrayList<>();
            acknowledgedUpTo = spool.read(spool.acknowledged(), 3, (position, bytes) -> firstThree.add(text(bytes)));
            assertThat(firstThree).containsExactly("click-0", "click-1", "click-2");
            spool.sending(1_000);
            spool.sending(2_000);
            spool.acknowledge(acknowledgedUpTo, 3);
            assertThat(spool.sendingSince()).as("nothing unacknowledged was sent yet").isZero();
            assertThat(spool.waiting()).isEqualTo(7);
            spool.sending(3_000);
            spool.sending(4_000);
        }
        // Nothing else is written at a close: what a killed process leaves is the same.
        try (ClickSpool reopened = new ClickSpool(directory, 1 << 20)) {
            assertThat(reopened.id()).isEqualTo(id);
            assertThat(reopened.acknowledged()).isEqualTo(acknowledgedUpTo);
            assertThat(reopened.waiting()).isEqualTo(7);
            assertThat(reopened.sendingSince()).as("the first send since the last acknowledgement").isEqualTo(3_000);
            assertThat(all(reopened)).containsExactly("click-3", "click-4", "click-5", "click-6", "click-7", "click-8", "click-9");
            assertThat(append(reopened, "click-10")).isTrue();
            assertThat(all(reopened)).endsWith("click-9", "click-10");
        }
    }

    @Test
    void beyondItsCapacityOfUnacknowledgedBytesAnAppendIsRefused() throws Exception {
        try (ClickSpool spool = new ClickSpool(directory, 100)) {
            int appended = 0;
            while (append(spool, "0123456789")) {
                appended++;
            }
            assertThat(appended).isEqualTo(100 / (Integer.BYTES + 10));
            long end = spool.read(spool.acknowledged(), Long.MAX_VALUE, (position, bytes) -> { });
            spool.acknowledge(end, appended);
            assertThat(append(spool, "0123456789")).isTrue();
        }
    }

    @Test
    void recordsContinueInTheNextSegmentAndAcknowledgedSegmentsAreDeleted() throws Exception {
        byte[] big = new byte[ClickSpool.SEGMENT_BYTES / 3];
        try (ClickSpool spool = new ClickSpool(directory, Long.MAX_VALUE)) {
            for (int i = 0; i < 4; i++) {
                big[0] = (byte) i;
                assertThat(spool.append(big, big.length)).isTrue();
            }
            assertThat(segments()).hasSize(2);
        }
        try (ClickSpool reopened = new ClickSpool(directory, Long.MAX_VALUE)) {
            List<Byte> firsts = new ArrayList<>();
            long end = reopened.read(reopened.acknowledged(), Long.MAX_VALUE, (position, bytes) -> firsts.add(bytes[0]));
            assertThat(firsts).containsExactly((byte) 0, (byte) 1, (byte) 2, (byte) 3);
            reopened.acknowledge(end, 4);
            assertThat(segments()).hasSize(1);
        }
    }

    @Test
    void aSpoolIsUsedByOneInstanceOnly() throws Exception {
        try (ClickSpool spool = new ClickSpool(directory, 100)) {
            assertThatThrownBy(() -> new ClickSpool(directory, 100)).hasMessageContaining("in use by another process");
        }
    }

    private static boolean append(ClickSpool spool, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return spool.append(bytes, bytes.length);
    }

    private static List<String> all(ClickSpool spool) {
        List<String> texts = new ArrayList<>();
        spool.read(spool.acknowledged(), Long.MAX_VALUE, (position, bytes) -> texts.add(text(bytes)));
        return texts;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private List<Path> segments() throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".spool")).toList();
        }
    }
}
