/**
 * A trained generator for other runtimes: an ONNX model of G in evaluation mode, written with
 * protobuf's wire format and no generated classes, its weights the state dict's tensors, its metadata
 * saying where they came from and how its values become pixels.
 *
 * <p>Its API, the classes used outside the package: OnnxExport.
 */
@PublicApi({OnnxExport.class})
package dcgan4j.export;

import dcgan4j.PublicApi;
