package io.tandem.ucm.link;

import io.tandem.switchlink.SwitchConnector;
import io.tandem.ucm.EmbeddedSwitch;

/** The switch port's contract, in process: the embedded switch itself is the connector. */
class InProcessSwitchLinkTest extends SwitchLinkContract {

    @Override
    protected SwitchConnector connector(EmbeddedSwitch sw) {
        return sw;
    }

    @Override
    protected void closeConnector() {
    }
}
