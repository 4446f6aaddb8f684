package cn.lianxin.member.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import cn.lianxin.member.service.ContactCardRenderer.Card;
import cn.lianxin.member.service.ContactCardRenderer.Person;

public class ContactCardRendererTest {

    private static final Card CARD = new Card("何流动", "第一党支部", new Person("张书记", "13800138000", "zhang_sj", "zhang@example.cn"),
            new Person("李委员", "13900139000", "li_wy", null), "https://weixin.qq.com/g/lianxin-demo", "https://dj.example.cn");

    @Test
    void theShippedFontHasTheChineseGlyphsOfTheCard() {
        assertThat(ContactCardRenderer.font().getFamily()).containsIgnoringCase("WenQuanYi");
        assertThat(ContactCardRenderer.font().canDisplayUpTo("联心卡流动党员联系卡所在支部书记组织委员电话微信邮箱网址扫码加入支部微信群")).isEqualTo(-1);
    }

    @Test
    void rendersAPngWhoseQrCodeOpensTheBranchWechatGroup() throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(ContactCardRenderer.png(CARD)));

        assertThat(image.getWidth()).isEqualTo(ContactCardRenderer.WIDTH);
        assertThat(image.getHeight()).isEqualTo(ContactCardRenderer.HEIGHT);
        assertThat(decodeQr(image)).isEqualTo("https://weixin.qq.com/g/lianxin-demo");
    }

    @Test
    void rendersACardWithoutWechatGroupOrOrganizer() throws Exception {
        byte[] png = ContactCardRenderer.png(new Card(null, "第二党支部", new Person("王书记", "0473-1234567", null, null), null, null, null));

        assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(ContactCardRenderer.WIDTH);
    }

    public static String decodeQr(BufferedImage image) throws Exception {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        RGBLuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
    }
}
