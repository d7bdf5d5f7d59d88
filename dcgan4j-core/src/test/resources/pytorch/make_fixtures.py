"""Writes netG_tiny.pth and netD_tiny.pth exactly as torch.save(model.state_dict(), path) does
(PyTorch >= 1.6 zip format, pickle protocol 2), without needing PyTorch installed.

The networks are dcgan4j's 32x32x3 pair with nz=8, ngf=4, ndf=4. Element i of the k-th tensor
(in state-dict order) is float32(sin(1000*k + i)); num_batches_tracked is 7. The generator's
storages are tagged 'cuda:0', as if saved from a GPU. Run: python3 make_fixtures.py
"""
import collections, io, math, pickle, struct, sys, types, zipfile

torch = types.ModuleType("torch")
utils = types.ModuleType("torch._utils")
torch._utils = utils
sys.modules["torch"], sys.modules["torch._utils"] = torch, utils


def _rebuild_tensor_v2(*args):
    raise NotImplementedError


_rebuild_tensor_v2.__module__ = "torch._utils"
utils._rebuild_tensor_v2 = _rebuild_tensor_v2
for name in ("FloatStorage", "LongStorage"):
    cls = type(name, (), {"__module__": "torch"})
    setattr(torch, name, cls)


class Storage:
    def __init__(self, key, kind, location, payload, numel):
        self.key, self.kind, self.location, self.payload, self.numel = key, kind, location, payload, numel


class Tensor:
    def __init__(self, storage, shape):
        self.storage, self.shape = storage, shape

    def __reduce_ex__(self, protocol):
        stride, step = [], 1
        for size in reversed(self.shape):
            stride.insert(0, step)
            step *= size
        return (_rebuild_tensor_v2,
                (self.storage, 0, tuple(self.shape), tuple(stride), False, collections.OrderedDict()))


def state_dict(layers, location):
    """layers: (name, shape) for weights, (name, 'bn', n) for BatchNorm."""
    entries = []
    for layer in layers:
        if layer[1] == "bn":
            n = layer[2]
            entries += [(layer[0] + ".weight", [n]), (layer[0] + ".bias", [n]),
                        (layer[0] + ".running_mean", [n]), (layer[0] + ".running_var", [n]),
                        (layer[0] + ".num_batches_tracked", [])]
        else:
            entries.append(layer)
    sd = collections.OrderedDict()
    sd._metadata = collections.OrderedDict([("", {"version": 1})])
    k = 0
    for name, shape in entries:
        numel = 1
        for s in shape:
            numel *= s
        if name.endswith("num_batches_tracked"):
            storage = Storage(str(len(sd)), torch.LongStorage, location, struct.pack("<q", 7), 1)
        else:
            payload = struct.pack("<%df" % numel, *[math.sin(1000 * k + i) for i in range(numel)])
            storage = Storage(str(len(sd)), torch.FloatStorage, location, payload, numel)
            k += 1
        sd[name] = Tensor(storage, shape)
    return sd


def save(sd, path):
    storages = {}

    def persistent_id(obj):
        if isinstance(obj, Storage):
            storages[obj.key] = obj
            return ("storage", obj.kind, obj.key, obj.location, obj.numel)
        return None

    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=2)
    pickler.persistent_id = persistent_id
    pickler.dump(sd)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("archive/data.pkl", buf.getvalue())
        z.writestr("archive/byteorder", "little")
        for key in sorted(storages, key=int):
            z.writestr("archive/data/" + key, storages[key].payload)
        z.writestr("archive/version", "3\n")


G = [("main.0.weight", [8, 16, 4, 4]), ("main.1", "bn", 16), ("main.3.weight", [16, 8, 4, 4]), ("main.4", "bn", 8),
     ("main.6.weight", [8, 4, 4, 4]), ("main.7", "bn", 4), ("main.9.weight", [4, 3, 4, 4])]
D = [("main.0.weight", [4, 3, 4, 4]), ("main.2.weight", [8, 4, 4, 4]), ("main.3", "bn", 8),
     ("main.5.weight", [16, 8, 4, 4]), ("main.6", "bn", 16), ("main.8.weight", [1, 16, 4, 4])]
save(state_dict(G, "cuda:0"), "netG_tiny.pth")
save(state_dict(D, "cpu"), "netD_tiny.pth")
