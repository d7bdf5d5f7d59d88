package dcgan4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Reads the tensors of a {@code torch.save(model.state_dict(), path)} file (PyTorch 1.6+ zip format)
 * without running any code: the pickle is interpreted by a small stack machine that knows dicts,
 * lists, tuples, numbers, strings and PyTorch's tensor-rebuild calls, and refuses every other
 * global — where Python's unpickler would import and call it. Storages saved on a GPU
 * ({@code cuda:0}) are read onto the CPU.
 */
public final class TorchPickle {
    /** The globals a state dict needs; anything else in a file is refused. */
    private static final Map<String, ScalarType> STORAGES = Map.of(
            "torch.FloatStorage",
            ScalarType.Float,
            "torch.DoubleStorage",
            ScalarType.Double,
            "torch.HalfStorage",
            ScalarType.Half,
            "torch.BFloat16Storage",
            ScalarType.BFloat16,
            "torch.LongStorage",
            ScalarType.Long,
            "torch.IntStorage",
            ScalarType.Int,
            "torch.ByteStorage",
            ScalarType.Byte);

    private static final List<String> CALLS =
            List.of("collections.OrderedDict", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_parameter");
    private static final Object MARK = new Object();

    private record Global(String name) {}

    private TorchPickle() {}

    /** Every tensor in the file by its dotted path ({@code main.0.weight}), as contiguous CPU tensors. */
    public static Map<String, Tensor> read(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String prefix = prefix(zip, file);
            Object root = new Machine(zip, prefix, file).run(bytes(zip, prefix + "data.pkl", file));
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            flatten("", root, tensors);
            if (tensors.isEmpty()) {
                throw new IOException(file + " holds no tensors");
            }
            return tensors;
        } catch (java.util.zip.ZipException e) {
            throw new IOException(
                    file + " is not a readable zip (" + e.getMessage() + "); " + WeightFormat.ACCEPTED, e);
        }
    }

    private static void flatten(String path, Object value, Map<String, Tensor> into) {
        if (value instanceof Tensor t) {
            into.put(path, t);
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(path.isEmpty() ? String.valueOf(k) : path + "." + k, v, into));
        }
    }

    /** The archive's folder name ({@code archive/} by default): the folder holding data.pkl. */
    private static String prefix(ZipFile zip, Path file) throws IOException {
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            String name = e.nextElement().getName();
            if (name.endsWith("/data.pkl") && name.indexOf('/') == name.length() - "/data.pkl".length()) {
                return name.substring(0, name.length() - "data.pkl".length());
            }
        }
        throw new IOException(file + " is " + WeightFormat.ZIP_WITHOUT_PICKLE + "; " + WeightFormat.ACCEPTED);
    }

    private static byte[] bytes(ZipFile zip, String name, Path file) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new IOException(file + " lacks " + name);
        }
        try (var in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    /** The pickle stack machine, protocols 2 to 4, for the opcodes {@code torch.save} emits. */
    private static final class Machine {
        private final ZipFile zip;
        private final String prefix;
        private final Path file;
        private final List<Object> stack = new ArrayList<>();
        private final Map<Integer, Object> memo = new HashMap<>();
        private final Map<String, Tensor> storages = new HashMap<>();
        private ByteBuffer in;

        Machine(ZipFile zip, String prefix, Path file) {
            this.zip = zip;
            this.prefix = prefix;
            this.file = file;
        }

        Object run(byte[] pickle) throws IOException {
            in = ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN);
            try {
                while (true) {
                    int op = in.get() & 0xff;
                    switch (op) {
                        case 0x80 -> in.get(); // PROTO
                        case 0x95 -> in.getLong(); // FRAME
                        case '.' -> { // STOP
                            return pop();
                        }
                        case '}' -> push(new LinkedHashMap<>());
                        case ']' -> push(new ArrayList<>());
                        case ')' -> push(List.of());
                        case '(' -> push(MARK);
                        case 'N' -> push(null);
                        case 0x88 -> push(Boolean.TRUE);
                        case 0x89 -> push(Boolean.FALSE);
                        case 'K' -> push((long) (in.get() & 0xff));
                        case 'M' -> push((long) (in.getShort() & 0xffff));
                        case 'J' -> push((long) in.getInt());
                        case 0x8a -> push(long1());
                        case 'G' -> push(readBigEndianDouble());
                        case 'X' -> push(text(in.getInt()));
                        case 0x8c -> push(text(in.get() & 0xff));
                        case 'c' -> push(global(line() + "." + line()));
                        case 0x93 -> { // STACK_GLOBAL
                            String name = (String) pop();
                            push(global(pop() + "." + name));
                        }
                        case 'q' -> memo.put(in.get() & 0xff, peek());
                        case 'r' -> memo.put(in.getInt(), peek());
                        case 0x94 -> memo.put(memo.size(), peek());
                        case 'h' -> push(memo.get(in.get() & 0xff));
                        case 'j' -> push(memo.get(in.getInt()));
                        case 't' -> push(popToMark());
                        case 0x85 -> push(java.util.Collections.singletonList(pop()));
                        case 0x86 -> {
                            Object b = pop();
                            push(Arrays.asList(pop(), b));
                        }
                        case 0x87 -> {
                            Object c = pop();
                            Object b = pop();
                            push(Arrays.asList(pop(), b, c));
                        }
                        case 'a' -> {
                            Object item = pop();
                            list(peek()).add(item);
                        }
                        case 'e' -> {
                            List<Object> items = popToMark();
                            list(peek()).addAll(items);
                        }
                        case 's' -> {
                            Object value = pop();
                            Object key = pop();
                            map(peek()).put(key, value);
                        }
                        case 'u' -> {
                            List<Object> items = popToMark();
                            for (int i = 0; i < items.size(); i += 2) {
                                map(peek()).put(items.get(i), items.get(i + 1));
                            }
                        }
                        case 'Q' -> push(storage(list(pop()))); // BINPERSID
                        case 'R' -> { // REDUCE
                            List<Object> args = list(pop());
                            push(call((Global) pop(), args));
                        }
                        case 'b' -> pop(); // BUILD: the state of an OrderedDict (its _metadata) is not needed
                        default ->
                            throw new IOException(file + ": unsupported pickle opcode 0x" + Integer.toHexString(op)
                                    + " (only state dicts of tensors can be imported)");
                    }
                }
            } catch (java.nio.BufferUnderflowException | ClassCastException | IndexOutOfBoundsException e) {
                throw new IOException(file + ": damaged or unexpected pickle data", e);
            }
        }

        private double readBigEndianDouble() {
            double d = in.order(ByteOrder.BIG_ENDIAN).getDouble();
            in.order(ByteOrder.LITTLE_ENDIAN);
            return d;
        }

        private Object global(String name) throws IOException {
            if (!CALLS.contains(name) && !STORAGES.containsKey(name)) {
                throw new IOException(file + " refers to " + name + "; only tensors and dicts are read, never code");
            }
            return new Global(name);
        }

        private Object call(Global callable, List<Object> args) throws IOException {
            return switch (callable.name()) {
                case "collections.OrderedDict" -> new LinkedHashMap<>();
                case "torch._utils._rebuild_parameter" -> args.get(0);
                case "torch._utils._rebuild_tensor_v2" ->
                    tensor(
                            (Tensor) args.get(0),
                            (Long) args.get(1),
                            longs(list(args.get(2))),
                            longs(list(args.get(3))));
                default -> throw new IOException(file + ": " + callable.name() + " cannot be called");
            };
        }

        /** ('storage', torch.FloatStorage, key, location, numel): the bytes of data/key, on the CPU. */
        private Tensor storage(List<Object> pid) throws IOException {
            ScalarType type = STORAGES.get(((Global) pid.get(1)).name());
            if (type == null) {
                throw new IOException(file + ": unknown storage " + pid.get(1));
            }
            String key = (String) pid.get(2);
            Tensor cached = storages.get(key);
            if (cached == null) {
                byte[] data = bytes(zip, prefix + "data/" + key, file);
                try (BytePointer pointer = new BytePointer(data)) {
                    long itemSize = torch.elementSize(type);
                    cached = torch.from_blob(pointer, new long[] {data.length / itemSize}, new TensorOptions(type))
                            .clone();
                }
                storages.put(key, cached);
            }
            return cached;
        }

        private Tensor tensor(Tensor storage, long offset, long[] size, long[] stride) throws IOException {
            long last = offset;
            for (int i = 0; i < size.length; i++) {
                last += (size[i] - 1) * stride[i];
            }
            if (offset < 0 || last >= storage.numel() && Arrays.stream(size).allMatch(s -> s > 0)) {
                throw new IOException(file + ": a tensor reaches past its storage");
            }
            return storage.as_strided(size, stride, new org.bytedeco.pytorch.LongOptional(offset))
                    .contiguous()
                    .clone();
        }

        private long long1() {
            int n = in.get() & 0xff;
            long value = 0;
            for (int i = 0; i < n; i++) {
                value |= (in.get() & 0xffL) << (8 * i);
            }
            return n > 0 && n < 8 && (value >> (8 * n - 1) & 1) == 1 ? value - (1L << (8 * n)) : value;
        }

        private String text(int length) {
            byte[] b = new byte[length];
            in.get(b);
            return new String(b, StandardCharsets.UTF_8);
        }

        private String line() {
            StringBuilder s = new StringBuilder();
            for (byte b = in.get(); b != '\n'; b = in.get()) {
                s.append((char) b);
            }
            return s.toString();
        }

        private static long[] longs(List<Object> values) {
            return values.stream().mapToLong(v -> (Long) v).toArray();
        }

        @SuppressWarnings("unchecked")
        private static List<Object> list(Object o) {
            return (List<Object>) o;
        }

        @SuppressWarnings("unchecked")
        private static Map<Object, Object> map(Object o) {
            return (Map<Object, Object>) o;
        }

        private void push(Object o) {
            stack.add(o);
        }

        private Object pop() {
            return stack.remove(stack.size() - 1);
        }

        private Object peek() {
            return stack.get(stack.size() - 1);
        }

        private List<Object> popToMark() {
            int mark = stack.lastIndexOf(MARK);
            List<Object> items = new ArrayList<>(stack.subList(mark + 1, stack.size()));
            stack.subList(mark, stack.size()).clear();
            return items;
        }
    }
}
