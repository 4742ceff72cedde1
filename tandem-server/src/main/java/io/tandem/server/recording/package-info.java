/**
 * Recording through CTI (CUCM has no recorder of its own: the switch forks a party's media to a recorder when an
 * application asks, or always on an automatic line). {@link io.tandem.server.recording.RecordingDesk} follows the
 * switch's recording events and turns them into EventPrivateInfo for the clients of the recorded DN, emulating pause and
 * resume (which CUCM lacks) as stop and start under the same RECORDING_ID; {@link io.tandem.server.recording.RecordingRequests}
 * handles RequestPrivateService with Genesys' GSIP_RECORD_* convention; {@link io.tandem.server.recording.RecordingReplica}
 * carries the recordings to the backup (the replicated part "recordings").
 */
package io.tandem.server.recording;
