package io.tutela.audit;

/**
 * The {@link Precondition} of an append did not hold: nothing of the round trip was
 * written (without a transaction around it; in one, the transaction is aborted and must
 * roll back).
 */
public class PreconditionFailedException extends RuntimeException {

	PreconditionFailedException() {
		super("the precondition of the audit append no longer holds");
	}

}
