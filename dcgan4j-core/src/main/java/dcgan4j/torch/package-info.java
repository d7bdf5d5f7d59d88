/**
 * The one place that knows libtorch and its Java bindings: loading the natives safely, devices and
 * precisions, conversions between Java arrays and tensors, optimizers' state as named tensors, and
 * what the CPU and the native build offer. It exists so that the bindings' traps are handled once.
 *
 * <p>Its API, the classes used outside the package: CpuFeatures, Device, NamedTensors, NativeBuild,
 * OptimizerState, Precision, Tensors, Torch.
 */
@PublicApi({
    CpuFeatures.class,
    Device.class,
    NamedTensors.class,
    NativeBuild.class,
    OptimizerState.class,
    Precision.class,
    Tensors.class,
    Torch.class
})
package dcgan4j.torch;

import dcgan4j.PublicApi;
