package dcgan4j.torch;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Where tensors live: the CPU or one CUDA device. One value of this type travels from the
 * configuration to every place that makes a tensor, so the CUDA path differs from the CPU path in
 * this value only — which is how the CUDA path is tested on machines without a GPU.
 *
 * <p>{@code auto} is a request, not a device: {@link #resolve} turns it into CUDA device 0 when one
 * is visible, else the CPU. A CUDA device is checked when resolved: a build without the GPU natives
 * and a machine without a visible GPU fail differently ({@link Unavailable}), since the remedies
 * differ (another build, or a driver).
 *
 * @param cuda  false for the CPU
 * @param index the CUDA device's index (0 for the CPU)
 */
public record Device(boolean cuda, int index) {
    /** The CPU. */
    public static final Device CPU = new Device(false, 0);

    private static final Pattern SPEC = Pattern.compile("cpu|cuda(?::(\\d{1,3}))?");

    /** A CUDA device cannot be used here; the message says whether the build or the machine lacks it. */
    public static final class Unavailable extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }

    public Device {
        if (index < 0 || !cuda && index != 0) {
            throw new IllegalArgumentException("not a device: " + (cuda ? "cuda:" : "cpu:") + index);
        }
    }

    /** Where {@code tensor} is. */
    public static Device of(org.bytedeco.pytorch.Tensor tensor) {
        org.bytedeco.pytorch.Device device = tensor.device();
        return device.is_cuda() ? new Device(true, device.index()) : CPU;
    }

    /**
     * The device that {@code spec} names — {@code auto}, {@code cpu}, {@code cuda} or {@code cuda:N} —
     * resolved and checked ({@link #resolve}).
     *
     * @throws IllegalArgumentException when {@code spec} names no device
     * @throws Unavailable when it names a CUDA device this build or machine cannot use
     */
    public static Device resolve(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("auto")) {
            return cudaDevices() > 0 ? new Device(true, 0) : CPU;
        }
        Matcher m = SPEC.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("device must be auto, cpu, cuda or cuda:N, got '" + spec + "'");
        }
        if (s.equals("cpu")) {
            return CPU;
        }
        Device device = new Device(true, m.group(1) == null ? 0 : Integer.parseInt(m.group(1)));
        check(device, cudaBuild(), cudaDevices());
        return device;
    }

    /** Whether the libtorch natives on the class path were built with CUDA (the {@code cuda} Maven profile). */
    public static boolean cudaBuild() {
        return Torch.hasGpuNatives();
    }

    /** How many CUDA devices libtorch sees: 0 on a CPU build or a machine without a visible GPU. */
    public static int cudaDevices() {
        if (!cudaBuild()) {
            return 0;
        }
        Torch.load();
        return torch.cuda_is_available() ? torch.cuda_device_count() : 0;
    }

    /**
     * Refuses a CUDA device that a build with or without CUDA ({@code cudaBuild}) and {@code visible}
     * devices cannot give.
     */
    static void check(Device device, boolean cudaBuild, int visible) {
        if (!cudaBuild) {
            throw new Unavailable(
                    "device " + device + " needs the CUDA build of dcgan4j; this one has CPU natives only");
        }
        if (visible == 0) {
            throw new Unavailable("device " + device + ": this build has CUDA, but no CUDA GPU is visible "
                    + "(no device, no driver, or CUDA_VISIBLE_DEVICES hides them)");
        }
        if (device.index >= visible) {
            throw new Unavailable("device " + device + " does not exist: " + visible + " CUDA device"
                    + (visible == 1 ? " is visible (cuda:0)" : "s are visible (cuda:0 to cuda:" + (visible - 1) + ")"));
        }
    }

    /** libtorch's device type for this device (autocast is switched per device type). */
    public DeviceType type() {
        return cuda ? DeviceType.CUDA : DeviceType.CPU;
    }

    /** libtorch's device. */
    public org.bytedeco.pytorch.Device torchDevice() {
        return new org.bytedeco.pytorch.Device(type(), (byte) index);
    }

    /** Options for new tensors of {@code dtype} on this device. */
    public TensorOptions options(ScalarType dtype) {
        return new TensorOptions(torchDevice()).dtype(new org.bytedeco.pytorch.ScalarTypeOptional(dtype));
    }

    /** As written in configurations: {@code cpu} or {@code cuda:N}. */
    @Override
    public String toString() {
        return cuda ? "cuda:" + index : "cpu";
    }
}
