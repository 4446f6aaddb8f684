package cn.lianxin.card;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/** Reads the QR code back from a rendered card: proves what a phone camera will open (tests, diagnostics). */
public final class QrCodes {

    private QrCodes() {
    }

    /** The text of the QR code in a PNG; empty when the image is not a PNG or has no readable QR code. */
    public static Optional<String> read(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            return image == null ? Optional.empty() : read(image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Optional<String> read(BufferedImage image) {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        RGBLuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        try {
            return Optional.of(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText());
        } catch (NotFoundException | ChecksumException | FormatException e) {
            return Optional.empty();
        }
    }
}
