package io.shortlink.caller;

/**
 * Who sent a request: the owner of the API key it carried, an admin, or nobody (anonymous).
 * Authentication puts it on the request as {@link #REQUEST_ATTRIBUTE}; controllers take it as a parameter.
 */
public record Caller(String owner, boolean admin) {

    public static final String REQUEST_ATTRIBUTE = Caller.class.getName();
    public static final Caller ANONYMOUS = new Caller(null, false);

    public boolean isAnonymous() {
        return owner == null && !admin;
    }

    /** Whether this caller may change, delete or read the private data of something owned by {@code owner}. */
    public boolean mayManage(String ownerOfTheThing) {
        return admin || (owner != null && owner.equals(ownerOfTheThing));
    }

    /** This caller, if it sent an API key. */
    public Caller requireApiKey() {
        if (isAnonymous()) {
            throw new AuthenticationRequiredException();
        }
        return this;
    }

    /** How the audit trail names this caller. */
    public String name() {
        if (owner != null) {
            return owner;
        }
        return admin ? "admin" : "anonymous";
    }
}
