package dcgan4j.torch;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.ArchiveWriter;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.InputArchive;
import org.bytedeco.pytorch.Optimizer;
import org.bytedeco.pytorch.OutputArchive;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * A libtorch optimizer's per-parameter state (Adam's moments and step count, RMSprop's averages) as
 * plain named tensors, so checkpoints can keep it in safetensors instead of a TorchScript archive.
 *
 * <p>The bindings give no access to {@code Optimizer::state()}, only to {@code save}/{@code load}
 * through archives. Export therefore saves to an archive in memory and reads the state out of it;
 * restore builds the archive {@code load} expects: libtorch's own parameter groups (saved from the
 * optimizer being restored) plus the state, keyed the way those groups name the parameters. Names
 * are {@code <parameter index>.<field>}, e.g. {@code 3.exp_avg}; integer fields such as {@code step}
 * become 0-dim int64 tensors.
 */
public final class OptimizerState {
    private static final String GROUPS = "param_groups";
    private static final String STATE = "state";

    private OptimizerState() {}

    /** The state of every parameter that has one (none before the first step). */
    public static Map<String, Tensor> export(Optimizer optimizer) {
        InputArchive saved = saved(optimizer);
        InputArchive state = child(saved, STATE);
        String[] keys = parameterKeys(saved);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            InputArchive fields = new InputArchive();
            if (!state.try_read(keys[i], fields)) {
                continue;
            }
            for (String field : names(fields)) {
                Tensor t = new Tensor();
                if (!fields.try_read(field, t)) {
                    IValue value = new IValue();
                    fields.read(field, value);
                    t = value.isTensor()
                            ? value.toTensor()
                            : torch.scalar_tensor(new Scalar(value.toInt()), new TensorOptions(ScalarType.Long));
                }
                out.put(i + "." + field, t.detach().clone());
            }
        }
        return out;
    }

    /** Puts exported state back; the optimizer must hold the same parameters in the same order. */
    public static void restore(Optimizer optimizer, Map<String, Tensor> exported) {
        InputArchive template = saved(optimizer);
        String[] keys = parameterKeys(template);
        Map<Integer, OutputArchive> perParameter = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : exported.entrySet()) {
            int dot = e.getKey().indexOf('.');
            int index = Integer.parseInt(e.getKey().substring(0, dot));
            if (index >= keys.length) {
                throw new IllegalArgumentException(
                        "optimizer state for parameter " + index + ", but the optimizer has " + keys.length);
            }
            OutputArchive fields = perParameter.computeIfAbsent(index, k -> new OutputArchive());
            String field = e.getKey().substring(dot + 1);
            Tensor t = e.getValue();
            if (t.dim() == 0 && Tensors.dtype(t) == ScalarType.Long) {
                fields.write(field, new IValue(t.item_long()));
            } else {
                fields.write(field, t.clone());
            }
        }
        OutputArchive state = new OutputArchive();
        perParameter.forEach((index, fields) -> state.write(keys[index], fields));
        OutputArchive archive = new OutputArchive();
        archive.write("pytorch_version", new IValue("1.5.0")); // the format tag libtorch checks on load
        archive.write(STATE, state);
        archive.write(GROUPS, copy(child(template, GROUPS)));
        optimizer.load(read(bytes(archive)));
    }

    /** The archive key of each parameter, in parameter order (one group). */
    private static String[] parameterKeys(InputArchive saved) {
        InputArchive group = child(child(saved, GROUPS), GROUPS + "/0");
        Tensor size = new Tensor();
        group.read("params/size", size);
        String[] keys = new String[(int) size.item_long()];
        for (int i = 0; i < keys.length; i++) {
            IValue key = new IValue();
            group.read("params/" + i, key);
            keys[i] = key.toStringRef().getString();
        }
        return keys;
    }

    private static InputArchive saved(Optimizer optimizer) {
        OutputArchive archive = new OutputArchive();
        optimizer.save(archive);
        return read(bytes(archive));
    }

    private static InputArchive child(InputArchive parent, String key) {
        InputArchive child = new InputArchive();
        parent.read(key, child);
        return child;
    }

    private static String[] names(InputArchive archive) {
        return java.util.Arrays.stream(archive.keys().get())
                .map(BytePointer::getString)
                .toArray(String[]::new);
    }

    /** A writable copy of a read archive: sub-archives, tensors and values, recursively. */
    private static OutputArchive copy(InputArchive from) {
        OutputArchive to = new OutputArchive();
        for (String key : names(from)) {
            InputArchive sub = new InputArchive();
            Tensor tensor = new Tensor();
            if (from.try_read(key, sub)) {
                to.write(key, copy(sub));
            } else if (from.try_read(key, tensor)) {
                to.write(key, tensor);
            } else {
                IValue value = new IValue();
                from.read(key, value);
                to.write(key, value);
            }
        }
        return to;
    }

    private static byte[] bytes(OutputArchive archive) {
        var out = new ByteArrayOutputStream();
        try (var writer = new ArchiveWriter() {
            @Override
            public long call(Pointer data, long size) {
                byte[] chunk = new byte[(int) size];
                new BytePointer(data).capacity(size).get(chunk);
                out.write(chunk, 0, chunk.length);
                return size;
            }
        }) {
            archive.save_to(writer);
        }
        return out.toByteArray();
    }

    private static InputArchive read(byte[] bytes) {
        InputArchive archive = new InputArchive();
        try (var data = new BytePointer(bytes)) {
            archive.load_from(data, bytes.length);
        }
        return archive;
    }
}
