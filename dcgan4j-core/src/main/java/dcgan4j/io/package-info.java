/**
 * File formats and safe writing, independent of GANs: files written atomically (complete or absent),
 * safetensors read and written, PyTorch's torch.save files read without running any pickle code,
 * weight files told apart by their bytes, and protobuf messages written field by field. It exists so
 * that weights and checkpoints move to and from PyTorch (and out to ONNX) without trusting or
 * corrupting a file.
 *
 * <p>Its API, the classes used outside the package: AtomicFiles, ProtoMessage, Safetensors, TorchPickle,
 * WeightFormat.
 */
@PublicApi({AtomicFiles.class, ProtoMessage.class, Safetensors.class, TorchPickle.class, WeightFormat.class})
package dcgan4j.io;

import dcgan4j.PublicApi;
