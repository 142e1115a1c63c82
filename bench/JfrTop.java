import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where the CPU samples of a JFR recording fall: share per thread group (thread names with their numbers taken out),
 * then, overall and per group, the methods on top of the stack ("self") and the methods of interest anywhere on it
 * ("total", counted once per sample), each by share of all samples.
 * Run: java bench/JfrTop.java recording.jfr [top=15] [frame filter regex for "total", e.g. 'io\.shortlink|kafka|postgresql']
 */
public class JfrTop {

    public static void main(String[] args) throws Exception {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        String filter = args.length > 2 ? args[2] : "io\\.shortlink\\..*";
        List<RecordedEvent> samples = RecordingFile.readAllEvents(Path.of(args[0])).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.ExecutionSample")).toList();
        int total = samples.size();
        System.out.printf("%d execution samples%n%n== thread groups%n", total);
        print(count(samples, JfrTop::group), total, top);
        System.out.printf("%n== self (top frame), all threads%n");
        print(count(samples, e -> frame(e.getStackTrace().getFrames().get(0))), total, top);
        Map<String, List<RecordedEvent>> byGroup = samples.stream().collect(Collectors.groupingBy(JfrTop::group));
        byGroup.entrySet().stream().sorted((a, b) -> b.getValue().size() - a.getValue().size()).limit(6).forEach(group -> {
            System.out.printf("%n== %s: self%n", group.getKey());
            print(count(group.getValue(), e -> frame(e.getStackTrace().getFrames().get(0))), total, top / 2);
            System.out.printf("-- %s: total (frames matching %s)%n", group.getKey(), filter);
            Map<String, Integer> inclusive = new HashMap<>();
            for (RecordedEvent e : group.getValue()) {
                e.getStackTrace().getFrames().stream().map(JfrTop::frame).filter(f -> f.matches("(" + filter + ").*"))
                        .distinct().forEach(f -> inclusive.merge(f, 1, Integer::sum));
            }
            print(inclusive, total, top);
        });
    }

    private static String group(RecordedEvent e) {
        var thread = e.getThread("sampledThread");
        String name = thread == null ? "?" : thread.getJavaName();
        return name == null ? "?" : name.replaceAll("\\d+", "#");
    }

    private static String frame(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static Map<String, Integer> count(List<RecordedEvent> samples, Function<RecordedEvent, String> key) {
        Map<String, Integer> counts = new HashMap<>();
        for (RecordedEvent e : samples) {
            RecordedStackTrace stack = e.getStackTrace();
            if (stack != null && !stack.getFrames().isEmpty()) {
                counts.merge(key.apply(e), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static void print(Map<String, Integer> counts, int total, int top) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf("%5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
    }
}
