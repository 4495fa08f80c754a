package io.tutela.identity;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;

/**
 * QR codes for TOTP enrolment, drawn from ZXing's module matrix as a PNG image or as an
 * inline SVG element that needs no request of its own. Both have the quiet zone of four
 * modules the standard asks for, dark modules on white.
 */
final class QrCodes {

	/** The light border around the symbol, in modules (ISO/IEC 18004 asks for four). */
	static final int QUIET_ZONE = 4;

	/** Pixels per module of a PNG when the caller does not say. */
	static final int DEFAULT_SCALE = 6;

	private static final Map<EncodeHintType, Object> HINTS = Map.of(EncodeHintType.CHARACTER_SET, "UTF-8");

	private QrCodes() {
	}

	/** The text as a PNG image of {@link #DEFAULT_SCALE} pixels per module. */
	static byte[] png(String text) {
		return png(text, DEFAULT_SCALE);
	}

	/** The text as a black and white PNG image of {@code scale} pixels per module. */
	static byte[] png(String text, int scale) {
		if (scale < 1) {
			throw new IllegalArgumentException("a module is at least one pixel wide");
		}
		ByteMatrix matrix = matrix(text);
		int size = (matrix.getWidth() + 2 * QUIET_ZONE) * scale;
		BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				image.setRGB(x, y, dark(matrix, x / scale - QUIET_ZONE, y / scale - QUIET_ZONE) ? 0x000000 : 0xffffff);
			}
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/**
	 * The text as an inline {@code <svg>} element for an HTML page: one path of the dark
	 * modules over a white square, {@code role="img"} with the label as
	 * {@code aria-label} and {@code <title>} so that a screen reader announces what it is
	 * rather than reading nothing. The viewBox is in modules; {@code width} and
	 * {@code height} give four pixels a module and may be overridden by CSS.
	 * @param label what the image is for a person who cannot see it (e.g. "QR code to add
	 * Tutela to an authenticator app"); never the secret
	 */
	static String svg(String text, String label) {
		ByteMatrix matrix = matrix(text);
		int size = matrix.getWidth() + 2 * QUIET_ZONE;
		String escaped = escapeXml(label);
		StringBuilder svg = new StringBuilder(8192);
		svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
			.append(size)
			.append(' ')
			.append(size)
			.append("\" width=\"")
			.append(size * 4)
			.append("\" height=\"")
			.append(size * 4)
			.append("\" role=\"img\" aria-label=\"")
			.append(escaped)
			.append("\" shape-rendering=\"crispEdges\"><title>")
			.append(escaped)
			.append("</title><rect width=\"")
			.append(size)
			.append("\" height=\"")
			.append(size)
			.append("\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
		// each horizontal run of dark modules is one rectangle
		for (int y = 0; y < matrix.getHeight(); y++) {
			int x = 0;
			while (x < matrix.getWidth()) {
				if (!dark(matrix, x, y)) {
					x++;
					continue;
				}
				int start = x;
				while (x < matrix.getWidth() && dark(matrix, x, y)) {
					x++;
				}
				int run = x - start;
				svg.append('M')
					.append(start + QUIET_ZONE)
					.append(' ')
					.append(y + QUIET_ZONE)
					.append('h')
					.append(run)
					.append("v1h-")
					.append(run)
					.append('z');
			}
		}
		return svg.append("\"/></svg>").toString();
	}

	/**
	 * A {@code data:} URI of the content, for an {@code <img src>} that needs no request
	 * of its own (e.g. {@code dataUri("image/png", png(text))}).
	 */
	static String dataUri(String mediaType, byte[] content) {
		return "data:" + mediaType + ";base64," + Base64.getEncoder().encodeToString(content);
	}

	/** The PNG of the text as a {@code data:} URI. */
	static String pngDataUri(String text) {
		return dataUri("image/png", png(text));
	}

	/**
	 * The modules of the symbol, without quiet zone, at error correction level M (15%),
	 * which keeps an otpauth URI in a symbol a phone reads easily from a screen.
	 */
	private static ByteMatrix matrix(String text) {
		if (text.isEmpty()) {
			throw new IllegalArgumentException("a QR code needs some text");
		}
		try {
			return Encoder.encode(text, ErrorCorrectionLevel.M, HINTS).getMatrix();
		}
		catch (WriterException ex) {
			throw new IllegalArgumentException("the text does not fit in a QR code", ex);
		}
	}

	private static boolean dark(ByteMatrix matrix, int x, int y) {
		return x >= 0 && y >= 0 && x < matrix.getWidth() && y < matrix.getHeight() && matrix.get(x, y) == 1;
	}

	private static String escapeXml(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

}
