package cn.lianxin.card;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import cn.lianxin.card.ContactCard.Contact;

/**
 * Draws the 联心卡: the branch, its secretary's and organizer's contacts, the branch WeChat group as a QR code
 * and the web address. Text uses the CJK font shipped in {@code fonts/} (WenQuanYi Micro Hei), never a host font.
 * Plain Java (java.awt, always headless) and ZXing: safe to call from any thread.
 */
public final class ContactCardRenderer {

    public static final int WIDTH = 960;
    public static final int HEIGHT = 600;
    private static final int QR_SIZE = 260;
    private static final Color PARTY_RED = new Color(0xC8, 0x10, 0x2E);

    /**
     * The QR codes drawn lately, by link: a branch's members share their card's code, and finding a mask that reads
     * (below) costs more than the rest of the card. One bit a pixel, 8.5 kB a code.
     */
    private static final Map<String, BufferedImage> QR_CODES = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, BufferedImage> eldest) {
                    return size() > 256;
                }
            });

    static {
        // A server draws off-screen: never try to reach a display (set before java.awt initializes).
        System.setProperty("java.awt.headless", "true");
    }

    private ContactCardRenderer() {
    }

    /** The shipped CJK font, loaded once. */
    public static Font font() {
        return FontHolder.FONT;
    }

    public static byte[] png(ContactCard card) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(PARTY_RED);
            g.fillRect(0, 0, WIDTH, 96);
            g.setColor(Color.WHITE);
            g.setFont(font().deriveFont(Font.BOLD, 44f));
            g.drawString("联心卡", 36, 64);
            g.setFont(font().deriveFont(22f));
            g.drawString("流动党员联系卡 · 组织时刻牵挂您", 220, 62);

            int textWidth = WIDTH - QR_SIZE - 110;
            int y = 150;
            g.setColor(Color.BLACK);
            for (String line : lines(card)) {
                boolean heading = !line.startsWith("  ");
                g.setFont(font().deriveFont(heading ? Font.BOLD : Font.PLAIN, heading ? 26f : 22f));
                g.drawString(fit(g, line.strip(), textWidth), heading ? 36 : 64, y);
                y += heading ? 40 : 34;
            }
            drawQr(g, card.wechatGroupUrl(), WIDTH - QR_SIZE - 40, 130);

            g.setColor(PARTY_RED);
            g.fillRect(0, HEIGHT - 8, WIDTH, 8);
        } finally {
            g.dispose();
        }
        return encoded(image);
    }

    /**
     * The card as a PNG, deflated faster than ImageIO's default: the encoding was three quarters of a card's time;
     * at this setting it takes 40 % less for a file 6 % larger (56 against 53 kB).
     */
    private static byte[] encoded(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream();
                ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            ImageWriteParam faster = writer.getDefaultWriteParam();
            faster.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            faster.setCompressionQuality(0.75f);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), faster);
            stream.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    private static List<String> lines(ContactCard card) {
        List<String> lines = new ArrayList<>();
        if (card.memberName() != null) {
            lines.add("党员：" + card.memberName());
        }
        lines.add("所在支部：" + (card.orgName() == null ? "" : card.orgName()));
        person(lines, "支部书记", card.secretary());
        person(lines, "组织委员", card.organizer());
        if (card.webAddress() != null) {
            lines.add("网址：" + card.webAddress());
        }
        return lines;
    }

    private static void person(List<String> lines, String role, Contact person) {
        if (person == null || person.name() == null) {
            return;
        }
        lines.add(role + "：" + person.name());
        StringBuilder contact = new StringBuilder();
        if (person.phone() != null) {
            contact.append("  电话 ").append(person.phone());
        }
        if (person.wechat() != null) {
            contact.append("  微信 ").append(person.wechat());
        }
        if (!contact.isEmpty()) {
            lines.add(contact.toString());
        }
        if (person.email() != null) {
            lines.add("  邮箱 " + person.email());
        }
    }

    private static void drawQr(Graphics2D g, String url, int x, int y) {
        g.setFont(font().deriveFont(20f));
        g.setColor(Color.BLACK);
        if (url == null) {
            g.drawRect(x, y, QR_SIZE, QR_SIZE);
            g.drawString("（支部未设置微信群）", x + 30, y + QR_SIZE / 2);
            return;
        }
        BufferedImage code = QR_CODES.get(url);
        if (code == null) {
            code = qrCode(url); // outside the map's lock: two threads drawing a new link may both make it
            QR_CODES.put(url, code);
        }
        g.drawImage(code, x, y, null);
        g.drawString("扫码加入支部微信群", x + 40, y + QR_SIZE + 32);
    }

    /** The readable QR code of {@code url}, black on white, {@link #QR_SIZE} pixels square. */
    private static BufferedImage qrCode(String url) {
        try {
            return readableQr(url);
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode the WeChat group link as a QR code", e);
        }
    }

    /**
     * The QR code of {@code url} in the first mask pattern that a plain reader decodes back to it. For about 3 % of
     * links, ZXing's own choice of mask gives a symbol whose data modules look like a finder pattern to its detector
     * (and so, possibly, to a phone's): another of the eight masks reads. The default choice when none reads.
     */
    private static BufferedImage readableQr(String url) throws WriterException {
        BufferedImage first = null;
        for (int mask = -1; mask < 8; mask++) {
            Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
            hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
            hints.put(EncodeHintType.MARGIN, 2);
            hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
            if (mask >= 0) {
                hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
            }
            BufferedImage code = image(new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, QR_SIZE, QR_SIZE, hints));
            if (first == null) {
                first = code;
            }
            if (QrCodes.read(code).filter(url::equals).isPresent()) {
                return code;
            }
        }
        return first;
    }

    /** {@code matrix} as a picture, one bit a pixel. */
    private static BufferedImage image(BitMatrix matrix) {
        BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
        for (int i = 0; i < matrix.getWidth(); i++) {
            for (int j = 0; j < matrix.getHeight(); j++) {
                image.setRGB(i, j, matrix.get(i, j) ? 0x000000 : 0xFFFFFF);
            }
        }
        return image;
    }

    /** Cuts a line that would run into the QR code. */
    private static String fit(Graphics2D g, String text, int width) {
        if (g.getFontMetrics().stringWidth(text) <= width) {
            return text;
        }
        String cut = text;
        while (cut.length() > 1 && g.getFontMetrics().stringWidth(cut + "…") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }

    private static final class FontHolder {
        static final Font FONT = load();

        private static Font load() {
            try (InputStream in = ContactCardRenderer.class.getResourceAsStream("/fonts/wqy-microhei.ttc")) {
                if (in == null) {
                    throw new IllegalStateException("fonts/wqy-microhei.ttc is missing from the classpath");
                }
                return Font.createFonts(in)[0]; // a TrueType collection: Micro Hei, then its monospaced variant
            } catch (IOException | FontFormatException e) {
                throw new IllegalStateException("cannot load the shipped CJK font", e);
            }
        }
    }
}
