package io.rastro;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Rastro: what happened to every WhatsApp message a platform's customers sent and received. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class RastroApplication {

    public static void main(String[] args) {
        SpringApplication.run(RastroApplication.class, args);
    }
}
