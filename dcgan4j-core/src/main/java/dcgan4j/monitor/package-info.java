/**
 * Watching a run from outside the process: TensorBoard event files (written without TensorFlow or
 * protoc) and a status.json that tells a running run from a finished, stopped, diverged or killed
 * one. Both are training listeners, so the training loop knows nothing of them.
 *
 * <p>Its API, the classes used outside the package: EventFileListener, RunStatus, RunStatusFile.
 */
@PublicApi({EventFileListener.class, RunStatus.class, RunStatusFile.class})
package dcgan4j.monitor;

import dcgan4j.PublicApi;
