/**
 * Convolutions computed right on this machine. The oneDNN inside libtorch 2.10 computes some
 * convolution shapes wrong on some processors, so every layer's shape is checked against float64
 * once per process and routed to the first kernel that agrees; a machine where none agrees fails
 * loudly instead of training on wrong numbers.
 *
 * <p>Its API, the classes used outside the package: ConvKernel, ConvRoutes, ConvShape, KernelCheck,
 * KernelError, KernelFaultException, Kernels, LayerCheck.
 */
@PublicApi({
    ConvKernel.class,
    ConvRoutes.class,
    ConvShape.class,
    KernelCheck.class,
    KernelError.class,
    KernelFaultException.class,
    Kernels.class,
    LayerCheck.class
})
package dcgan4j.conv;

import dcgan4j.PublicApi;
