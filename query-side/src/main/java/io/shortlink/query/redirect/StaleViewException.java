package io.shortlink.query.redirect;

/** No copy of the redirect view can show that it holds every recent change of a code: answer 503, not a guess. */
public class StaleViewException extends RuntimeException {

    StaleViewException(String code, long lagMillis) {
        super("the redirect view of " + code + " may lag " + lagMillis + " ms behind its stream", null, false, false);
    }

    StaleViewException(String code, RuntimeException viewCannotAnswer, long backupLagMillis) {
        super(viewCannotAnswer.getMessage() + "; its backup of " + code + " may lag " + backupLagMillis + " ms", null, false, false);
    }
}
