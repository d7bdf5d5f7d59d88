package dcgan4j.cli;

import dcgan4j.torch.Device;
import picocli.CommandLine.Option;

/**
 * {@code --device}: shared by the commands that make tensors in quantity (train, generate,
 * evaluate). Resolving checks the device at once, before any slow work, and replaces {@code auto} by
 * what it chose, so that config.yaml records the device actually used.
 */
final class DeviceOptions {
    @Option(
            names = "--device",
            paramLabel = "DEV",
            defaultValue = "auto",
            description = "auto (a CUDA GPU when one is visible, else the CPU), cpu, cuda or cuda:N "
                    + "(default: ${DEFAULT-VALUE}); cuda needs the CUDA build (./mvnw -Pcuda package)")
    String device;

    /** The device named, checked; {@code --device} then names it exactly. */
    Device resolve() {
        Device resolved = Device.resolve(device);
        device = resolved.toString();
        return resolved;
    }
}
