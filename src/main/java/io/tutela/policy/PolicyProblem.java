package io.tutela.policy;

/**
 * One problem found in a policy file.
 *
 * @param file the file (or upload) name
 * @param path where in the document, as in {@code retention[2].duration}
 * @param line the 1-based line of the file, 0 when the problem concerns the whole file
 * @param message what is wrong, in words a DPO understands
 */
public record PolicyProblem(String file, String path, int line, String message) {

	@Override
	public String toString() {
		return this.file + ":" + this.line + ": " + this.path + ": " + this.message;
	}

}
