package io.tutela.identity;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class QrCodesUnitTest {

	private static final String URI = TotpUri.of("Tutela Società", "mario.rossi@ipkom.it",
			"12345678901234567890".getBytes(StandardCharsets.US_ASCII), Totp.DEFAULT);

	private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");

	@Test
	void thePngDecodesBackToTheText() throws Exception {
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrCodes.png(URI)));
		assertThat(image.getWidth()).isEqualTo(image.getHeight());
		assertThat(decode(image)).isEqualTo(URI);
	}

	@Test
	void thePngHasAWhiteQuietZoneOfFourModules() throws Exception {
		BufferedImage small = ImageIO.read(new ByteArrayInputStream(QrCodes.png(URI, 1)));
		BufferedImage large = ImageIO.read(new ByteArrayInputStream(QrCodes.png(URI, 5)));
		assertThat(large.getWidth()).isEqualTo(small.getWidth() * 5);
		int modules = small.getWidth();
		for (int i = 0; i < modules; i++) {
			for (int border = 0; border < QrCodes.QUIET_ZONE; border++) {
				assertThat(small.getRGB(i, border) & 0xffffff).isEqualTo(0xffffff);
				assertThat(small.getRGB(border, i) & 0xffffff).isEqualTo(0xffffff);
				assertThat(small.getRGB(i, modules - 1 - border) & 0xffffff).isEqualTo(0xffffff);
				assertThat(small.getRGB(modules - 1 - border, i) & 0xffffff).isEqualTo(0xffffff);
			}
		}
		// the top left corner of the finder pattern is dark
		assertThat(small.getRGB(QrCodes.QUIET_ZONE, QrCodes.QUIET_ZONE) & 0xffffff).isZero();
	}

	@Test
	void theSvgDrawsTheSameSymbolAsThePng() throws Exception {
		String svg = QrCodes.svg(URI, "QR code");
		BufferedImage png = ImageIO.read(new ByteArrayInputStream(QrCodes.png(URI, 1)));
		int size = png.getWidth();
		assertThat(svg).contains("viewBox=\"0 0 " + size + " " + size + "\"");
		BufferedImage drawn = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				drawn.setRGB(x, y, 0xffffff);
			}
		}
		Matcher run = RUN.matcher(svg);
		int runs = 0;
		while (run.find()) {
			int x = Integer.parseInt(run.group(1));
			int y = Integer.parseInt(run.group(2));
			int length = Integer.parseInt(run.group(3));
			assertThat(run.group(4)).isEqualTo(run.group(3));
			for (int i = 0; i < length; i++) {
				drawn.setRGB(x + i, y, 0x000000);
			}
			runs++;
		}
		assertThat(runs).isPositive();
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				assertThat(drawn.getRGB(x, y) & 0xffffff).as("module %d,%d", x, y)
					.isEqualTo(png.getRGB(x, y) & 0xffffff);
			}
		}
		assertThat(decode(scaled(drawn, 4))).isEqualTo(URI);
	}

	@Test
	void theSvgIsAnImageWithAnAccessibleName() {
		String svg = QrCodes.svg(URI, "Codice QR per l'app \"Authenticator\" <Tutela & co>");
		String escaped = "Codice QR per l&#39;app &quot;Authenticator&quot; &lt;Tutela &amp; co&gt;";
		assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
			.contains("role=\"img\"")
			.contains("aria-label=\"" + escaped + "\"")
			.contains("<title>" + escaped + "</title>")
			.endsWith("</svg>")
			.doesNotContain("<script")
			.doesNotContain("GEZDGNBV");
	}

	@Test
	void theDataUriCarriesThePngInBase64() {
		byte[] png = QrCodes.png(URI);
		String uri = QrCodes.dataUri("image/png", png);
		assertThat(uri).startsWith("data:image/png;base64,");
		assertThat(Base64.getDecoder().decode(uri.substring("data:image/png;base64,".length()))).isEqualTo(png);
		assertThat(QrCodes.pngDataUri(URI)).isEqualTo(uri);
	}

	@Test
	void refusesWhatCannotBeDrawn() {
		assertThatIllegalArgumentException().isThrownBy(() -> QrCodes.png(""));
		assertThatIllegalArgumentException().isThrownBy(() -> QrCodes.png(URI, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> QrCodes.svg("x".repeat(5000), "too long"));
	}

	private static String decode(BufferedImage image) throws Exception {
		int width = image.getWidth();
		int height = image.getHeight();
		int[] pixels = image.getRGB(0, 0, width, height, null, 0, width);
		LuminanceSource source = new RGBLuminanceSource(width, height, pixels);
		BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(source));
		return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.CHARACTER_SET, "UTF-8")).getText();
	}

	private static BufferedImage scaled(BufferedImage image, int factor) {
		BufferedImage scaled = new BufferedImage(image.getWidth() * factor, image.getHeight() * factor,
				BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < scaled.getHeight(); y++) {
			for (int x = 0; x < scaled.getWidth(); x++) {
				scaled.setRGB(x, y, image.getRGB(x / factor, y / factor));
			}
		}
		return scaled;
	}

}
