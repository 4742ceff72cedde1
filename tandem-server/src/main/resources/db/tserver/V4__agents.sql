-- CTI server: the agents logged in on its DNs (one JSON document per DN), written off the core thread in group
-- commits, so that a restarted server gives the agents back when agent-logout-on-unreg is off.
CREATE TABLE ts_agent (
    dn VARCHAR(64) NOT NULL PRIMARY KEY,
    agent_json VARCHAR(32768) NOT NULL
);
