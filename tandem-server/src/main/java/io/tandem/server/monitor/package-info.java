/**
 * Supervisor monitoring: a supervisor's client asks to monitor an agent's DN (this call or the next one, or every call of
 * the agent), silently, whispering (coach) or by barging in; the switch gives the supervisor's DN a monitoring call.
 * {@link io.tandem.server.monitor.MonitorDesk} keeps the requests and sessions on the core thread and follows the
 * switch; {@link io.tandem.server.monitor.MonitorRequests} handles RequestMonitorNextCall, RequestCancelMonitoring and
 * RequestSetMuteOn/Off.
 */
package io.tandem.server.monitor;
