package com.wabill.report;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The pages' template engine: Thymeleaf on its own (no Spring MVC), templates from {@code templates/*.html} on the
 * class path, HTML mode (th:text escapes), parsed once and cached.
 */
final class Templates {

    private static final TemplateEngine ENGINE = engine();

    private Templates() {
    }

    private static TemplateEngine engine() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(Templates.class.getClassLoader());
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }

    /** The page {@code template} with {@code variables}. */
    static String render(String template, Map<String, Object> variables) {
        return ENGINE.process(template, new Context(Locale.ROOT, variables));
    }
}
