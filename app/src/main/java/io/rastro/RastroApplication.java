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

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("generate")) {
            io.rastro.demo.GenerateCommand.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(RastroApplication.class, args);
    }
}
