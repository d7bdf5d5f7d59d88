package dcgan4j.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * An exported model in ONNX Runtime, the independent reference the export is checked against: its own
 * parser, its own kernels (MLAS), nothing shared with libtorch but the file.
 */
final class OnnxRuntimeRun implements AutoCloseable {
    /** G's output for a batch: values row-major and the shape ONNX Runtime gave them. */
    record Images(float[] values, long[] shape) {}

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    final OrtSession session;

    OnnxRuntimeRun(Path model) throws OrtException {
        try (var options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(2);
            session = env.createSession(model.toString(), options);
        }
    }

    /** @param classes one class per image for a conditional G, else null */
    Images run(float[] z, int nz, long[] classes) throws OrtException {
        long n = z.length / nz;
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(OnnxExport.Z, OnnxTensor.createTensor(env, FloatBuffer.wrap(z), new long[] {n, nz}));
            if (classes != null) {
                inputs.put(OnnxExport.CLASS, OnnxTensor.createTensor(env, LongBuffer.wrap(classes), new long[] {n}));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                OnnxTensor image = (OnnxTensor) result.get(OnnxExport.IMAGE).orElseThrow();
                FloatBuffer buffer = image.getFloatBuffer();
                float[] values = new float[buffer.remaining()];
                buffer.get(values);
                return new Images(values, image.getInfo().getShape());
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
