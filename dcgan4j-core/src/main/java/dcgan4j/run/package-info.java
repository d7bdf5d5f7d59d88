/**
 * A training run on disk: its directory layout (configuration, grids, metrics, charts), its
 * checkpoints (atomic, checksummed, the newest kept) and its weight files, which carry the
 * architecture so that a weights file alone rebuilds its network. It exists so that training,
 * resuming and every later command agree on where and how a run is stored.
 *
 * <p>Its API, the classes used outside the package: Checkpoint, Checkpoints, ModelFiles,
 * RunDirectory.
 */
@PublicApi({Checkpoint.class, Checkpoints.class, ModelFiles.class, RunDirectory.class})
package dcgan4j.run;

import dcgan4j.PublicApi;
