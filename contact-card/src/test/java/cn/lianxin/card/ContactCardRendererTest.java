package cn.lianxin.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import cn.lianxin.card.ContactCard.Contact;

class ContactCardRendererTest {

    private static final ContactCard CARD = new ContactCard("何流动", "第一党支部",
            new Contact("张书记", "13800138000", "zhang_sj", "zhang@example.cn"), new Contact("李委员", "13900139000", "li_wy", null),
            "https://weixin.qq.com/g/lianxin-demo", "https://dj.example.cn");

    /** Every character the renderer draws itself (the fixed labels), plus typical names. */
    private static final String DRAWN_TEXT = "联心卡流动党员联系卡·组织时刻牵挂您党员：所在支部：支部书记组织委员电话微信邮箱网址："
            + "扫码加入支部微信群（支部未设置微信群）…何张李王第一二党支部委员书记";

    @Test
    void theShippedFontHasEveryCharacterTheCardDraws() {
        assertThat(ContactCardRenderer.font().getFamily()).containsIgnoringCase("WenQuanYi");
        assertThat(ContactCardRenderer.font().canDisplayUpTo(DRAWN_TEXT)).isEqualTo(-1);
    }

    /** Nothing here sets java.awt.headless: the renderer does, before java.awt starts. */
    @Test
    void rendersHeadless() {
        ContactCardRenderer.png(CARD);
        assertThat(System.getProperty("java.awt.headless")).isEqualTo("true");
        assertThat(GraphicsEnvironment.isHeadless()).isTrue();
    }

    @Test
    void rendersAPngWhoseQrCodeOpensTheBranchWechatGroup() throws Exception {
        byte[] png = ContactCardRenderer.png(CARD);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));

        assertThat(image.getWidth()).isEqualTo(ContactCardRenderer.WIDTH);
        assertThat(image.getHeight()).isEqualTo(ContactCardRenderer.HEIGHT);
        assertThat(QrCodes.read(png)).contains("https://weixin.qq.com/g/lianxin-demo");
    }

    @Test
    void rendersACardWithoutWechatGroupOrganizerOrMemberName() throws Exception {
        byte[] png = ContactCardRenderer.png(
                new ContactCard(null, "第二党支部", new Contact("王书记", "0473-1234567", null, null), null, null, null));

        assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(ContactCardRenderer.WIDTH);
        assertThat(QrCodes.read(png)).isEmpty();
    }

    @Test
    void aCardWithNothingButTheBranchStillRenders() throws Exception {
        byte[] png = ContactCardRenderer.png(new ContactCard(null, "第三党支部", null, new Contact(null, null, null, null), null, null));

        assertThat(ImageIO.read(new ByteArrayInputStream(png)).getHeight()).isEqualTo(ContactCardRenderer.HEIGHT);
    }
}
