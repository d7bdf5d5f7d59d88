package dcgan4j.export;

import dcgan4j.io.ProtoMessage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/**
 * An ONNX graph built message by message with onnx/onnx.proto's field numbers (GraphProto, NodeProto,
 * AttributeProto, TensorProto, ValueInfoProto and the types), and the model around it: generic, so the
 * mapping of a network's layers ({@link GeneratorGraph}) reads as a list of operators. Tensors are
 * initializers with little-endian {@code raw_data}; a dimension is a number or a name (dynamic).
 */
final class OnnxGraph {
    static final int FLOAT = 1;
    static final int INT64 = 7;

    // ModelProto
    private static final int IR_VERSION = 1;
    private static final int PRODUCER_NAME = 2;
    private static final int PRODUCER_VERSION = 3;
    private static final int MODEL_DOC = 6;
    private static final int GRAPH = 7;
    private static final int OPSET_IMPORT = 8;
    private static final int METADATA_PROPS = 14;
    // OperatorSetIdProto: domain 1 (empty: ai.onnx), version 2; StringStringEntryProto
    private static final int OPSET_VERSION = 2;
    private static final int KEY = 1;
    private static final int VALUE = 2;
    // GraphProto
    private static final int NODE = 1;
    private static final int GRAPH_NAME = 2;
    private static final int INITIALIZER = 5;
    private static final int INPUT = 11;
    private static final int OUTPUT = 12;
    // NodeProto
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int OP_TYPE = 4;
    private static final int ATTRIBUTE = 5;
    // AttributeProto and its AttributeType
    private static final int ATTRIBUTE_NAME = 1;
    private static final int F = 2;
    private static final int I = 3;
    private static final int S = 4;
    private static final int INTS = 8;
    private static final int ATTRIBUTE_TYPE = 20;
    private static final int TYPE_FLOAT = 1;
    private static final int TYPE_INT = 2;
    private static final int TYPE_STRING = 3;
    private static final int TYPE_INTS = 7;
    // TensorProto
    private static final int DIMS = 1;
    private static final int DATA_TYPE = 2;
    private static final int TENSOR_NAME = 8;
    private static final int RAW_DATA = 9;
    // ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto, its Dimension
    private static final int VALUE_NAME = 1;
    private static final int VALUE_TYPE = 2;
    private static final int VALUE_DOC = 3;
    private static final int TENSOR_TYPE = 1;
    private static final int ELEM_TYPE = 1;
    private static final int SHAPE = 2;
    private static final int DIM = 1;
    private static final int DIM_VALUE = 1;
    private static final int DIM_PARAM = 2;

    private final ProtoMessage graph = new ProtoMessage();
    private int nodes;

    OnnxGraph(String name) {
        graph.string(GRAPH_NAME, name);
    }

    /** A node; its output is {@code output}; an empty input name is an omitted optional input. */
    String node(String opType, List<String> inputs, String output, ProtoMessage... attributes) {
        ProtoMessage node = new ProtoMessage();
        inputs.forEach(input -> node.string(NODE_INPUT, input));
        node.string(NODE_OUTPUT, output)
                .string(NODE_NAME, opType + "_" + nodes++)
                .string(OP_TYPE, opType);
        for (ProtoMessage attribute : attributes) {
            node.message(ATTRIBUTE, attribute);
        }
        graph.message(NODE, node);
        return output;
    }

    String floats(String name, long[] dims, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        return initializer(name, FLOAT, dims, raw.array());
    }

    String longs(String name, long... values) {
        ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        return initializer(name, INT64, new long[] {values.length}, raw.array());
    }

    private String initializer(String name, int type, long[] dims, byte[] raw) {
        ProtoMessage tensor = new ProtoMessage();
        for (long d : dims) {
            tensor.varint(DIMS, d);
        }
        graph.message(
                INITIALIZER,
                tensor.varint(DATA_TYPE, type).string(TENSOR_NAME, name).bytes(RAW_DATA, raw));
        return name;
    }

    /** A graph input; each dimension a {@link Long} or the {@link String} name of a dynamic one. */
    void input(String name, int type, String doc, Object... dims) {
        graph.message(INPUT, valueInfo(name, type, doc, dims));
    }

    void output(String name, int type, String doc, Object... dims) {
        graph.message(OUTPUT, valueInfo(name, type, doc, dims));
    }

    private static ProtoMessage valueInfo(String name, int type, String doc, Object... dims) {
        ProtoMessage shape = new ProtoMessage();
        for (Object d : dims) {
            shape.message(
                    DIM,
                    d instanceof String param
                            ? new ProtoMessage().string(DIM_PARAM, param)
                            : new ProtoMessage().varint(DIM_VALUE, (Long) d));
        }
        ProtoMessage tensorType = new ProtoMessage().varint(ELEM_TYPE, type).message(SHAPE, shape);
        return new ProtoMessage()
                .string(VALUE_NAME, name)
                .message(VALUE_TYPE, new ProtoMessage().message(TENSOR_TYPE, tensorType))
                .string(VALUE_DOC, doc);
    }

    static ProtoMessage attribute(String name, long value) {
        return typed(name, TYPE_INT).varint(I, value);
    }

    static ProtoMessage attribute(String name, float value) {
        return typed(name, TYPE_FLOAT).float32(F, value);
    }

    static ProtoMessage attribute(String name, String value) {
        return typed(name, TYPE_STRING).string(S, value);
    }

    static ProtoMessage attribute(String name, long... values) {
        ProtoMessage attribute = typed(name, TYPE_INTS);
        for (long v : values) {
            attribute.varint(INTS, v);
        }
        return attribute;
    }

    /** An AttributeProto's name and type, its value still to be set. */
    private static ProtoMessage typed(String name, int type) {
        return new ProtoMessage().string(ATTRIBUTE_NAME, name).varint(ATTRIBUTE_TYPE, type);
    }

    /** The ModelProto holding this graph, importing the default operator set at {@code opset}. */
    byte[] model(long irVersion, long opset, String producer, String version, String doc, Map<String, String> meta) {
        ProtoMessage model = new ProtoMessage()
                .varint(IR_VERSION, irVersion)
                .string(PRODUCER_NAME, producer)
                .string(PRODUCER_VERSION, version)
                .string(MODEL_DOC, doc)
                .message(GRAPH, graph)
                .message(OPSET_IMPORT, new ProtoMessage().varint(OPSET_VERSION, opset));
        meta.forEach((k, v) ->
                model.message(METADATA_PROPS, new ProtoMessage().string(KEY, k).string(VALUE, v)));
        return model.toByteArray();
    }
}
